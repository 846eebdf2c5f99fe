using CareBot.Dialogs.Model;

namespace CareBot.Care.Cases;

/// <summary>
/// Counts SLA targets in the brand's open time: a case handed over at night, when the bot tells the customer "a person
/// will reply when they're back, tomorrow at 08:00", falls due after the team is back, not while nobody is at work.
/// The hours are read at each use (the ones saved at /admin/settings, else the root dialog's <c>business_hours:</c>);
/// without hours every hour counts.
/// </summary>
public sealed class SlaClock(Func<BusinessSchedule?> hours)
{
    /// <summary>Every hour counts (no opening hours known).</summary>
    public static SlaClock Calendar { get; } = new(() => null);

    /// <summary>When <paramref name="target"/> of open time has passed since <paramref name="from"/>.</summary>
    public DateTimeOffset Due(DateTimeOffset from, TimeSpan target) => Due(hours(), from, target);

    /// <summary>A case's first-response and resolution due times under <paramref name="sla"/>, the hours read once.</summary>
    public (DateTimeOffset FirstResponse, DateTimeOffset Resolution) DueTimes(DateTimeOffset from, SlaTarget sla)
    {
        ArgumentNullException.ThrowIfNull(sla);
        var schedule = hours();
        return (Due(schedule, from, sla.FirstResponse), Due(schedule, from, sla.Resolution));
    }

    private static DateTimeOffset Due(BusinessSchedule? schedule, DateTimeOffset from, TimeSpan target) =>
        schedule is null ? from + target : schedule.AddOpenTime(from, target);
}
