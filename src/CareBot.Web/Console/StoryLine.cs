using CareBot.Care.Cases;

namespace CareBot.Web.Console;

/// <summary>One entry of a case's story as the console shows it: a transcript line or an internal note.</summary>
/// <param name="Kind">customer, bot, agent or note (also the CSS class).</param>
/// <param name="Where">"public", "private" or "internal note".</param>
public sealed record StoryLine(DateTimeOffset At, string Kind, string Who, string Where, string Text)
{
    /// <summary>The kept photos and files the customer sent with this line (none for the bot, agents and notes).</summary>
    public IReadOnlyList<StoryFile> Files { get; init; } = [];

    /// <summary>The transcript in its own order, with the notes placed by time (a note after lines of the same time).</summary>
    public static IReadOnlyList<StoryLine> Of(Case value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var lines = value.Transcript.Select(m => new StoryLine(
            m.At,
            m.Author.ToString().ToLowerInvariant(),
            m.Author switch
            {
                CaseAuthor.Customer => m.Name ?? value.Customer.Name ?? "Customer",
                CaseAuthor.Bot => "CareBot",
                _ => m.Name ?? "Agent",
            },
            m.Thread == CaseThread.Public ? "public" : "private",
            m.Text)
        {
            Files = m.Author == CaseAuthor.Customer ? StoryFile.In(m.Text) : [],
        }).ToList();
        foreach (var note in value.Notes)
        {
            var at = lines.FindLastIndex(l => l.At <= note.At) + 1;
            lines.Insert(at, new StoryLine(note.At, "note", note.Author, "internal note", note.Text));
        }

        return lines;
    }
}
