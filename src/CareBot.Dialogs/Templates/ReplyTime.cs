using System.Globalization;

namespace CareBot.Dialogs.Templates;

/// <summary>
/// What <c>{case.reply_within}</c> says: the brand's first-response target for the hand-off's priority, in words
/// ("within 15 minutes", "within the hour", "within 4 hours", "within 2 days"), so the promise is the one the case's
/// SLA clock keeps. Without a target the bot promises no time.
/// </summary>
public static class ReplyTime
{
    /// <summary>Said when the host gave no target: no time is promised that nobody set.</summary>
    public const string Unknown = "as soon as they can";

    public static string Within(TimeSpan? target)
    {
        if (target is not { } t || t <= TimeSpan.Zero)
        {
            return Unknown;
        }

        // Rounded up, never down: "within 2 hours" for a 150-minute target would promise more than the brand does.
        if (t == TimeSpan.FromHours(1))
        {
            return "within the hour";
        }

        if (t < TimeSpan.FromHours(2))
        {
            return Invariant($"within {Math.Ceiling(t.TotalMinutes)} minutes");
        }

        if (t <= TimeSpan.FromHours(48))
        {
            return Invariant($"within {Math.Ceiling(t.TotalHours)} hours");
        }

        return Invariant($"within {Math.Ceiling(t.TotalDays)} days");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
