using System.Globalization;
using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Templates;

/// <summary>
/// What <c>{case.reply_within}</c> says: the brand's first-response target for the hand-off's priority, in words
/// ("within 15 minutes", "within the hour", "within 4 hours", "within 2 days"), so the promise is the one the case's
/// SLA clock keeps. The clock counts open time only, so when the target runs past closing time the promise names the
/// moment instead ("by tomorrow at 08:45 UTC"). Without a target the bot promises no time.
/// </summary>
public static class ReplyTime
{
    /// <summary>Said when the host gave no target: no time is promised that nobody set.</summary>
    public const string Unknown = "as soon as they can";

    /// <summary>The promise for a hand-off at <paramref name="now"/> under <paramref name="schedule"/> (null: always open).</summary>
    public static string Within(TimeSpan? target, BusinessSchedule? schedule, DateTimeOffset now)
    {
        // Closed time in between (a night, a weekend) makes the due time later than the target: name the moment.
        if (target is { } t && t > TimeSpan.Zero && schedule?.AddOpenTime(now, t) is { } due && due - now > t)
        {
            return OpeningHours.By(schedule, now, due);
        }

        return Within(target);
    }

    /// <summary>The target in words, counted straight from now.</summary>
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
