using System.Globalization;
using CareBot.Dialogs.Model;

namespace CareBot.Care.Bot;

/// <summary>
/// The brand's opening hours and holidays (section <c>CareBot:BusinessHours</c>, usually saved at
/// <c>/admin/settings</c>). When set they win over every script's <c>timezone:</c> and <c>business_hours:</c> for the
/// dialogs' <c>business_hours</c> conditions; when absent each script's own hours apply.
/// </summary>
public sealed class BusinessHoursOptions
{
    /// <summary>The section, under <see cref="CareBotOptions.SectionName"/>.</summary>
    public const string SectionName = "CareBot:BusinessHours";

    /// <summary>The most holidays taken (a few years of public holidays).</summary>
    public const int MaxHolidays = 200;

    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>The time zone the hours and holidays are in (IANA id, e.g. <c>Europe/Berlin</c>). Default <c>UTC</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The open days, comma separated three-letter names. Default <c>mon,tue,wed,thu,fri</c>.</summary>
    public string Days { get; set; } = "mon,tue,wed,thu,fri";

    /// <summary>Opening time, <c>HH:mm</c>. Default <c>09:00</c>.</summary>
    public string From { get; set; } = "09:00";

    /// <summary>Closing time, <c>HH:mm</c> (<c>24:00</c> for the end of the day), after <see cref="From"/>. Default <c>17:00</c>.</summary>
    public string To { get; set; } = "17:00";

    /// <summary>
    /// Days closed all day: the date (<c>yyyy-MM-dd</c>, in <see cref="TimeZone"/>) and what it is, e.g.
    /// <c>"2026-12-25": "Christmas Day"</c>. A dictionary rather than a list so that a saved set replaces the applied
    /// one key by key instead of merging with it item by item. Default none.
    /// </summary>
    public Dictionary<string, string> Holidays { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What is wrong, each naming its key (<c>CareBot:BusinessHours:Holidays:2026-12-25</c>), or nothing.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (FindTimeZone(TimeZone) is null)
        {
            problems.Add($"{SectionName}:TimeZone: '{TimeZone}' is not a time zone; use an IANA id such as 'Europe/Berlin' or 'UTC'.");
        }

        if (ParseDays(Days) is not { Count: > 0 })
        {
            problems.Add($"{SectionName}:Days: '{Days}' is not a list of days; use three-letter names separated by commas, e.g. 'mon,tue,wed,thu,fri'.");
        }

        var from = ParseTime(From);
        var to = ParseTime(To);
        if (from is null)
        {
            problems.Add($"{SectionName}:From: '{From}' is not a time; use HH:mm, e.g. '09:00'.");
        }

        if (to is null)
        {
            problems.Add($"{SectionName}:To: '{To}' is not a time; use HH:mm, e.g. '17:00' (or '24:00' for the end of the day).");
        }

        if (from is { } opens && to is { } closes && closes <= opens)
        {
            problems.Add($"{SectionName}:To: closing time {To} must be after opening time {From}.");
        }

        if (Holidays.Count > MaxHolidays)
        {
            problems.Add($"{SectionName}:Holidays: {Holidays.Count} holidays; at most {MaxHolidays} are taken (remove past ones).");
        }

        foreach (var (date, name) in Holidays)
        {
            if (ParseDate(date) is null)
            {
                problems.Add($"{SectionName}:Holidays:{date}: '{date}' is not a date; use yyyy-MM-dd, e.g. '2026-12-25'.");
            }

            if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
            {
                problems.Add($"{SectionName}:Holidays:{date}: give the holiday a name of 1-100 characters.");
            }
        }

        return problems;
    }

    /// <summary>The schedule the dialog engine checks; null when the values are not valid (see <see cref="Problems"/>).</summary>
    public BusinessSchedule? ToSchedule()
    {
        if (FindTimeZone(TimeZone) is not { } zone || ParseDays(Days) is not { Count: > 0 } days
            || ParseTime(From) is not { } from || ParseTime(To) is not { } to || to <= from)
        {
            return null;
        }

        var holidays = new Dictionary<DateOnly, string>();
        foreach (var (text, name) in Holidays)
        {
            if (ParseDate(text) is { } date)
            {
                holidays[date] = name;
            }
        }

        return new BusinessSchedule(zone, new BusinessHours(days, from, to), holidays);
    }

    private static TimeZoneInfo? FindTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }

    private static HashSet<DayOfWeek>? ParseDays(string? days)
    {
        var result = new HashSet<DayOfWeek>();
        foreach (var name in (days ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var index = Array.IndexOf(DayNames, name.ToLowerInvariant());
            if (index < 0)
            {
                return null;
            }

            result.Add((DayOfWeek)index);
        }

        return result;
    }

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    // "24:00" is the end of the day: the last tick, so "from 00:00 to 24:00" is open all day.
    private static TimeOnly? ParseTime(string? text) =>
        text?.Trim() == "24:00" ? TimeOnly.MaxValue
        : TimeOnly.TryParseExact(text?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
        : null;
}
