using System.Globalization;
using CareBot.Care.Email;

namespace CareBot.Care.Cases.Notifications;

/// <summary>Small text helpers shared by the case emails: one-line summaries, UTC times and score formatting.</summary>
internal static class CaseEmailText
{
    /// <summary>The longest summary a subject carries, before the ellipsis.</summary>
    public const int SummaryLength = 60;

    private const char Ellipsis = '\u2026';

    /// <summary>
    /// What the case is about, on one line: the captured <c>story</c>, else the customer's first line in the transcript,
    /// else the hand-off reason; empty when the case has none of them.
    /// </summary>
    public static string Summary(Case value)
    {
        var candidates = new[]
        {
            value.Captured.TryGetValue("story", out var story) ? story.Text : null,
            value.Transcript.FirstOrDefault(m => m.Author == CaseAuthor.Customer && !string.IsNullOrWhiteSpace(m.Text))?.Text,
            value.Reason,
        };
        foreach (var candidate in candidates)
        {
            // Flattened first: a summary ends up in a subject, and customer text may hold line breaks.
            var flat = HeaderText.Sanitize(candidate);
            if (flat.Length > 0)
            {
                return Shorten(flat, SummaryLength);
            }
        }

        return string.Empty;
    }

    /// <summary>
    /// Cuts <paramref name="text"/> to at most <paramref name="max"/> characters plus "…", at the last space when there
    /// is one in the second half (so a word is not split), otherwise at the limit.
    /// </summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max);
        if (cut < max / 2)
        {
            cut = max;
            if (char.IsHighSurrogate(text[cut - 1]))
            {
                // Never split an emoji (or any surrogate pair) in half.
                cut--;
            }
        }

        return text[..cut].TrimEnd(' ', ',', ';', ':', '-', '.') + Ellipsis;
    }

    /// <summary>A time as UTC ISO 8601 to the second, e.g. <c>2026-11-02T09:15:00Z</c>.</summary>
    public static string Utc(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A VADER compound score with two decimals and a sign, e.g. <c>-0.60</c>, <c>+0.25</c>, <c>0.00</c>.</summary>
    public static string Compound(double compound) =>
        compound.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// A console link: the base without trailing slashes, then <c>/cases/</c> and the escaped id, so
    /// <c>http://host/agent/</c> and <c>http://host/agent</c> give the same link.
    /// </summary>
    public static string ConsoleLink(string consoleUrl, string caseId) =>
        (consoleUrl ?? string.Empty).Trim().TrimEnd('/') + "/cases/" + Uri.EscapeDataString(caseId);

    /// <summary>Multi-line text indented under a list entry, so a pasted paragraph cannot pass for a new entry.</summary>
    public static string Indented(string text, string indent) =>
        text.ReplaceLineEndings("\n").TrimEnd('\n').Replace("\n", "\n" + indent, StringComparison.Ordinal);
}
