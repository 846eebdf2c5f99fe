namespace CareBot.Dialogs.Model;

/// <summary>
/// The brand's opening hours as an admin sets them at <c>/admin/settings</c>: a time zone, the weekly hours and the
/// holidays (closed all day). When the host passes one with a turn it wins over the script's own
/// <c>timezone:</c> and <c>business_hours:</c>, so one change reaches every dialog.
/// </summary>
public sealed record BusinessSchedule(TimeZoneInfo TimeZone, BusinessHours Hours, IReadOnlyDictionary<DateOnly, string> Holidays)
{
    /// <summary>How far ahead open time is looked for before falling back to calendar time (a schedule open on no day).</summary>
    private const int MaxDaysAhead = 400;

    /// <summary>Whether <paramref name="now"/> falls within the hours, on a day that is not a holiday, in the schedule's time zone.</summary>
    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZone).DateTime;
        return !Holidays.ContainsKey(DateOnly.FromDateTime(local)) && Hours.Contains(local);
    }

    /// <summary>Whether people work on <paramref name="day"/> at all: one of the hours' days and not a holiday.</summary>
    public bool IsWorkingDay(DateOnly day) => Hours.Days.Contains(day.DayOfWeek) && !Holidays.ContainsKey(day);

    /// <summary>
    /// The moment by which <paramref name="duration"/> of open time has passed since <paramref name="start"/>: nights,
    /// closed days and holidays do not count, so a 4-hour target set at 17:00 on a Friday (open until 18:00) falls due at
    /// 11:00 on Monday. A schedule open on no day within a year counts calendar time instead.
    /// </summary>
    public DateTimeOffset AddOpenTime(DateTimeOffset start, TimeSpan duration)
    {
        var remaining = duration < TimeSpan.Zero ? TimeSpan.Zero : duration;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, TimeZone).DateTime);
        for (var ahead = 0; ahead <= MaxDaysAhead; ahead++, day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            var opens = Instant(day.ToDateTime(Hours.From));
            var closes = Hours.To == TimeOnly.MaxValue // "24:00": midnight at the end of the day
                ? Instant(day.AddDays(1).ToDateTime(TimeOnly.MinValue))
                : Instant(day.ToDateTime(Hours.To));
            var from = opens > start ? opens : start;
            if (closes <= from)
            {
                continue;
            }

            if (remaining <= closes - from)
            {
                return from + remaining;
            }

            remaining -= closes - from;
        }

        return start + duration;
    }

    /// <summary>
    /// A wall-clock time in the schedule's zone as an instant. A time skipped by a daylight-saving change (02:30 on the
    /// night the clocks go forward) is taken as the first moment after the gap; a repeated one as its first occurrence.
    /// </summary>
    private DateTimeOffset Instant(DateTime local)
    {
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        var offset = TimeZone.IsAmbiguousTime(local) ? TimeZone.GetAmbiguousTimeOffsets(local).Max() : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
