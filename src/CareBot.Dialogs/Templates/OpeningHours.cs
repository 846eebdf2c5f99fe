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

    // A script's own hours have no holidays (only the admin's schedule does).
    private static readonly IReadOnlyDictionary<DateOnly, string> NoHolidays = new Dictionary<DateOnly, string>();

    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>The schedule a turn branches on: the admin's, else the script's hours; null when the script has none (always open).</summary>
    public static BusinessSchedule? Effective(DialogScript script, TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(input);
        return input.Schedule
            ?? (script.BusinessHours is { } hours ? new BusinessSchedule(script.TimeZone, hours, NoHolidays) : null);
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
            if (!hours.Days.Contains(day.DayOfWeek) || schedule.Holidays.ContainsKey(day) || (ahead == 0 && TimeOnly.FromDateTime(local) >= hours.From))
            {
                continue;
            }

            var at = $"at {Clock(hours.From)} {schedule.TimeZone.Id}";
            return ahead switch
            {
                0 => $"today {at}",
                1 => $"tomorrow {at}",
                < 7 => $"on {day.DayOfWeek} {at}",
                _ => $"on {day.ToString("d MMMM", CultureInfo.InvariantCulture)} {at}",
            };
        }

        return "when we're back";
    }

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
            1 => days[0].ToString(),
            >= 3 when consecutive => $"{days[0]} to {days[^1]}",
            _ => $"{string.Join(", ", days.SkipLast(1))} and {days[^1]}",
        };
    }

    private static string Clock(TimeOnly time) =>
        time == TimeOnly.MaxValue ? "24:00" : time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
