using System.Globalization;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;

namespace CareBot.Dialogs.Templates;

/// <summary>
/// The brand's opening hours in words, for <c>{brand.hours}</c> ("Monday to Friday, 08:00 to 18:00 UTC") and
/// <c>{brand.opens}</c> ("tomorrow at 08:00 UTC"), from the schedule the turn actually branches on (the one saved at
/// /admin/settings, else the script's). So what the bot tells a customer about its hours is what the system knows,
/// never a copy in a text that an admin's change leaves behind.
/// </summary>
public static class OpeningHours
{
    /// <summary>How far ahead the next opening is looked for (a long closure of holidays).</summary>
    private const int SearchDays = 62;

    /// <summary>How far ahead holidays are named with the hours, and how many at most.</summary>
    private const int HolidayNoticeDays = 21;
    private const int MaxHolidaysNamed = 3;

    // A script's own hours have no holidays (only the admin's schedule does).
    private static readonly IReadOnlyDictionary<DateOnly, string> NoHolidays = new Dictionary<DateOnly, string>();

    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>The schedule a turn branches on: the admin's, else the script's hours; null when the script has none (always open).</summary>
    public static BusinessSchedule? Effective(DialogScript script, TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Effective(script, input.Schedule);
    }

    /// <summary>The admin's schedule when there is one, else the script's hours; null when neither (always open).</summary>
    public static BusinessSchedule? Effective(DialogScript script, BusinessSchedule? adminSchedule)
    {
        ArgumentNullException.ThrowIfNull(script);
        return adminSchedule
            ?? (script.BusinessHours is { } hours ? new BusinessSchedule(script.TimeZone, hours, NoHolidays) : null);
    }

    /// <summary>
    /// The hours, and the holidays of the next three weeks on which they would have been open: "Monday to Friday, 08:00
    /// to 18:00 UTC (closed on 25 December for Christmas Day and 28 December)". A customer asking "are you open on the
    /// 25th?" is told what the saved schedule says, not only the usual week.
    /// </summary>
    public static string Describe(BusinessSchedule? schedule, DateTimeOffset now)
    {
        var hours = Describe(schedule);
        if (schedule is null)
        {
            return hours;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, schedule.TimeZone).DateTime);
        var closed = schedule.Holidays
            .Where(holiday => holiday.Key >= today && holiday.Key.DayNumber - today.DayNumber <= HolidayNoticeDays && schedule.Hours.Days.Contains(holiday.Key.DayOfWeek))
            .OrderBy(holiday => holiday.Key)
            .Take(MaxHolidaysNamed)
            .Select(holiday => holiday.Key.ToString("d MMMM", CultureInfo.InvariantCulture) + (string.IsNullOrWhiteSpace(holiday.Value) ? string.Empty : " for " + holiday.Value.Trim()))
            .ToList();
        return closed.Count == 0 ? hours : $"{hours} (closed on {AndList(closed)})";
    }

    /// <summary>"Monday to Friday, 08:00 to 18:00 UTC"; "every day, around the clock" without hours.</summary>
    public static string Describe(BusinessSchedule? schedule)
    {
        if (schedule is null)
        {
            return "every day, around the clock";
        }

        var hours = schedule.Hours;
        var days = Days(Week.Where(hours.Days.Contains).ToList());
        var time = hours.From == TimeOnly.MinValue && hours.To == TimeOnly.MaxValue
            ? "around the clock"
            : $"{Clock(hours.From)} to {Clock(hours.To)} {schedule.TimeZone.Id}";
        return $"{days}, {time}";
    }

    /// <summary>
    /// When people are next at work: "now", "today at 08:00 UTC", "tomorrow at 08:00 UTC", "on Monday at 08:00 UTC",
    /// "on 28 December at 08:00 UTC" (holidays skipped); "when we're back" when no opening is in sight.
    /// </summary>
    public static string NextOpening(BusinessSchedule? schedule, DateTimeOffset now)
    {
        if (schedule is null || schedule.IsOpen(now))
        {
            return "now";
        }

        var local = TimeZoneInfo.ConvertTime(now, schedule.TimeZone).DateTime;
        var today = DateOnly.FromDateTime(local);
        var hours = schedule.Hours;
        for (var ahead = 0; ahead <= SearchDays; ahead++)
        {
            var day = today.AddDays(ahead);
            if (!schedule.IsWorkingDay(day) || (ahead == 0 && TimeOnly.FromDateTime(local) >= hours.From))
            {
                continue;
            }

            return $"{Day(ahead, day, "on ")} at {Clock(hours.From)} {schedule.TimeZone.Id}";
        }

        return "when we're back";
    }

    /// <summary>
    /// A deadline after <paramref name="now"/> in the schedule's zone: "by today at 17:55 UTC", "by tomorrow at 08:15 UTC",
    /// "by Monday at 11:00 UTC", "by 28 December at 08:15 UTC". The minute is rounded up, so the words never name an
    /// earlier time than <paramref name="at"/>.
    /// </summary>
    public static string By(BusinessSchedule schedule, DateTimeOffset now, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var ticks = TimeSpan.TicksPerMinute;
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset((at.UtcTicks + ticks - 1) / ticks * ticks, TimeSpan.Zero), schedule.TimeZone).DateTime;
        var day = DateOnly.FromDateTime(local);
        var ahead = day.DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, schedule.TimeZone).DateTime).DayNumber;
        return $"by {Day(ahead, day, string.Empty)} at {Clock(TimeOnly.FromDateTime(local))} {schedule.TimeZone.Id}";
    }

    // "today", "tomorrow", "(on) Monday" within the week, else "(on) 28 December".
    private static string Day(int ahead, DateOnly day, string on) => ahead switch
    {
        <= 0 => "today",
        1 => "tomorrow",
        < 7 => $"{on}{day.DayOfWeek}",
        _ => $"{on}{day.ToString("d MMMM", CultureInfo.InvariantCulture)}",
    };

    // "Monday to Friday", "Saturday and Sunday", "Monday, Wednesday and Friday", "every day".
    private static string Days(List<DayOfWeek> days)
    {
        if (days.Count == Week.Length)
        {
            return "every day";
        }

        var first = Array.IndexOf(Week, days[0]);
        var consecutive = days.Select((d, i) => Array.IndexOf(Week, d) == first + i).All(x => x);
        return days.Count switch
        {
            0 => "on no day",
            >= 3 when consecutive => $"{days[0]} to {days[^1]}",
            _ => AndList([.. days.Select(day => day.ToString())]),
        };
    }

    // "Monday", "Saturday and Sunday", "Monday, Wednesday and Friday".
    private static string AndList(List<string> items) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.SkipLast(1))} and {items[^1]}";

    private static string Clock(TimeOnly time) =>
        time == TimeOnly.MaxValue ? "24:00" : time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
