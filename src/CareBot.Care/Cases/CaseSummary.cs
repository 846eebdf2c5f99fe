using CareBot.Dialogs.Model;

namespace CareBot.Care.Cases;

/// <summary>
/// What a queue or list shows of a case, without its transcript or notes: a list of 500 cases stays small however
/// long their conversations were. Read the messages page by page with <see cref="Stores.CaseReader.GetMessagesAsync"/>.
/// </summary>
/// <param name="Id">The case id, e.g. <c>C-1042</c>.</param>
/// <param name="Status">Where the case is in its life.</param>
/// <param name="Priority">From triage.</param>
/// <param name="Queue">The queue it waits in.</param>
/// <param name="CustomerName">The customer's display name, when the channel gave one.</param>
/// <param name="Assignee">The agent who claimed it, if any.</param>
/// <param name="CreatedAt">When the bot opened it.</param>
/// <param name="UpdatedAt">The time of its latest message, note or move.</param>
/// <param name="SlaDue">First response due until an agent responded, then resolution due.</param>
/// <param name="LastMessage">The latest message, its text cut to <see cref="PreviewLength"/> characters; null when none.</param>
/// <param name="MessageCount">Messages in the transcript.</param>
/// <param name="NoteCount">Internal notes.</param>
/// <param name="Tags">The case's tags; null in summaries stored before cases had tags.</param>
public sealed record CaseSummary(
    string Id,
    CaseStatus Status,
    Priority Priority,
    string Queue,
    string? CustomerName,
    string? Assignee,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset SlaDue,
    CaseMessage? LastMessage,
    int MessageCount,
    int NoteCount,
    IReadOnlyList<string>? Tags = null)
{
    /// <summary>The most characters of the last message a summary carries.</summary>
    public const int PreviewLength = 140;

    /// <summary>The summary of a case.</summary>
    public static CaseSummary Of(Case value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var last = value.Transcript.Count > 0 ? value.Transcript[^1] : null;
        var preview = last is null ? null : last with { Text = Preview(last.Text) };
        DateTimeOffset?[] moments = [value.CreatedAt, last?.At, value.Notes.Count > 0 ? value.Notes[^1].At : null, value.FirstRespondedAt, value.ResolvedAt];
        return new CaseSummary(
            value.Id,
            value.Status,
            value.Priority,
            value.Queue,
            value.Customer.Name,
            value.Assignee,
            value.CreatedAt,
            moments.Max(m => m ?? DateTimeOffset.MinValue),
            value.FirstRespondedAt is null ? value.FirstResponseDue : value.ResolutionDue,
            preview,
            value.Transcript.Count,
            value.Notes.Count,
            value.Tags);
    }

    private static string Preview(string text) => text.Length <= PreviewLength ? text : string.Concat(text.AsSpan(0, PreviewLength - 1), "…");
}
