using CareBot.Care.Cases;

namespace CareBot.Web.Console;

/// <summary>
/// Holds back a reply written before the customer's latest message: the agent answered something the customer may
/// have changed, so the console asks them to read it and confirm first.
/// </summary>
public static class ReplyGuard
{
    public const string Warning = "The customer wrote again since you started this reply. Read their message, then send it anyway or change it.";

    /// <summary>When the customer last wrote on the case; null when never.</summary>
    public static DateTimeOffset? LastCustomerMessageAt(Case value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Transcript.LastOrDefault(m => m.Author == CaseAuthor.Customer)?.At;
    }

    /// <summary>Whether the customer wrote after <paramref name="seenAt"/>, the last customer message the agent had when starting to write.</summary>
    public static bool CustomerWroteAgain(Case value, DateTimeOffset? seenAt) =>
        LastCustomerMessageAt(value) is { } last && (seenAt is null || last > seenAt);
}
