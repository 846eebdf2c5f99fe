using System.Globalization;
using CareBot.Care.Cases;

namespace CareBot.Web.Console;

/// <summary>
/// The SLA clock an agent watches: the first-response due time until someone claims the case, then the resolution due
/// time. A resolved or handed-back case has no running clock.
/// </summary>
public static class CaseSla
{
    public static DateTimeOffset? RunningDue(Case value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return !value.IsOpen ? null : value.FirstRespondedAt is null ? value.FirstResponseDue : value.ResolutionDue;
    }

    /// <summary>The running due time of a listed case (its summary carries the due time that applies now).</summary>
    public static DateTimeOffset? RunningDue(CaseSummary value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Status is CaseStatus.Queued or CaseStatus.Assigned or CaseStatus.WaitingOnCustomer ? value.SlaDue : null;
    }

    /// <summary>The due time inboxes sort by (closed cases last).</summary>
    public static DateTimeOffset SortKey(Case value) => RunningDue(value) ?? DateTimeOffset.MaxValue;

    public static bool IsBreached(Case value, DateTimeOffset now) => IsBreached(RunningDue(value), now);

    public static bool IsBreached(DateTimeOffset? due, DateTimeOffset now) => due is { } at && at <= now;

    /// <summary>"12m 05s left", "1h 02m left", "breached 3m ago", or "-" when no clock runs.</summary>
    public static string Countdown(Case value, DateTimeOffset now) => Countdown(RunningDue(value), now);

    /// <inheritdoc cref="Countdown(Case, DateTimeOffset)"/>
    public static string Countdown(DateTimeOffset? due, DateTimeOffset now)
    {
        if (due is not { } at)
        {
            return "-";
        }

        var left = at - now;
        return left > TimeSpan.Zero ? Span(left) + " left" : "breached " + Span(-left) + " ago";
    }

    private static string Span(TimeSpan span) =>
        span.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d {span.Hours:00}h")
        : span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m {span.Seconds:00}s");
}
