using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.Templates;

namespace CareBot.Dialogs.Tests.Templates;

/// <summary><c>{brand.hours}</c> and <c>{brand.opens}</c>: the schedule the bot branches on, in words.</summary>
public sealed class OpeningHoursTests
{
    private static readonly HashSet<DayOfWeek> Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static BusinessSchedule Schedule(IEnumerable<DayOfWeek> days, string from, string to, params string[] holidays) => new(
        TimeZoneInfo.Utc,
        new BusinessHours(days.ToHashSet(), TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), to == "24:00" ? TimeOnly.MaxValue : TimeOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)),
        holidays.ToDictionary(DateOnly.Parse, _ => "holiday"));

    [Fact]
    public void Describes_a_working_week() =>
        Assert.Equal("Monday to Friday, 08:00 to 18:00 UTC", OpeningHours.Describe(Schedule(Weekdays, "08:00", "18:00")));

    [Fact]
    public void Describes_scattered_days_a_weekend_and_around_the_clock()
    {
        Assert.Equal("Monday, Wednesday and Friday, 09:00 to 17:00 UTC",
            OpeningHours.Describe(Schedule([DayOfWeek.Friday, DayOfWeek.Monday, DayOfWeek.Wednesday], "09:00", "17:00")));
        Assert.Equal("Saturday and Sunday, 10:00 to 24:00 UTC", OpeningHours.Describe(Schedule([DayOfWeek.Saturday, DayOfWeek.Sunday], "10:00", "24:00")));
        Assert.Equal("every day, around the clock", OpeningHours.Describe(Schedule(Enum.GetValues<DayOfWeek>(), "00:00", "24:00")));
        Assert.Equal("every day, around the clock", OpeningHours.Describe(null));
    }

    [Theory]
    [InlineData("2026-12-04T10:00:00Z", "Monday to Friday, 08:00 to 18:00 UTC (closed on 24 December for holiday and 25 December for holiday)")]
    [InlineData("2026-12-25T10:00:00Z", "Monday to Friday, 08:00 to 18:00 UTC (closed on 25 December for holiday)")]   // today counts
    [InlineData("2026-11-23T10:00:00Z", "Monday to Friday, 08:00 to 18:00 UTC")]  // more than three weeks away
    [InlineData("2026-12-26T10:00:00Z", "Monday to Friday, 08:00 to 18:00 UTC")]  // past; 27 December is a Sunday anyway
    public void The_hours_name_the_holidays_of_the_next_three_weeks_on_working_days(string now, string expected)
    {
        var schedule = Schedule(Weekdays, "08:00", "18:00", "2026-12-24", "2026-12-25", "2026-12-27");

        Assert.Equal(expected, OpeningHours.Describe(schedule, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-11-23T07:00:00Z", "today at 08:00 UTC")]          // Monday before opening
    [InlineData("2026-11-23T10:00:00Z", "now")]                         // open
    [InlineData("2026-11-23T19:00:00Z", "tomorrow at 08:00 UTC")]       // Monday evening
    [InlineData("2026-11-27T19:00:00Z", "on Monday at 08:00 UTC")]      // Friday evening
    [InlineData("2026-12-24T19:00:00Z", "on Monday at 08:00 UTC")]      // Thursday; Friday 25th is a holiday
    [InlineData("2026-12-18T19:00:00Z", "on 28 December at 08:00 UTC")] // Friday; the week after is all holidays
    public void The_next_opening_skips_closed_days_and_holidays(string now, string expected)
    {
        var schedule = Schedule(Weekdays, "08:00", "18:00", "2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24", "2026-12-25");

        Assert.Equal(expected, OpeningHours.NextOpening(schedule, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-11-23T10:00:00Z", 15, "2026-11-23T10:15:00Z")]   // open: straight on
    [InlineData("2026-11-23T17:55:00Z", 15, "2026-11-24T08:10:00Z")]   // 5 minutes tonight, 10 tomorrow morning
    [InlineData("2026-11-23T21:00:00Z", 15, "2026-11-24T08:15:00Z")]   // handed over at night: counted from opening
    [InlineData("2026-11-23T06:00:00Z", 60, "2026-11-23T09:00:00Z")]   // before opening
    [InlineData("2026-11-27T17:00:00Z", 240, "2026-11-30T11:00:00Z")]  // Friday 17:00, four hours: Monday 11:00
    [InlineData("2026-12-24T17:00:00Z", 120, "2026-12-28T09:00:00Z")]  // Thursday; Friday 25th a holiday, then the weekend
    [InlineData("2026-11-23T08:00:00Z", 72 * 60, "2026-12-02T10:00:00Z")] // 72 hours: seven ten-hour days, then two hours
    public void Open_time_skips_nights_weekends_and_holidays(string start, int minutes, string due)
    {
        var schedule = Schedule(Weekdays, "08:00", "18:00", "2026-12-25");

        Assert.Equal(At(due), schedule.AddOpenTime(At(start), TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void Open_time_is_wall_clock_time_in_the_schedule_s_zone_across_a_daylight_saving_change()
    {
        // Berlin: clocks go back on Sunday 25 October 2026. Friday 17:00 local (15:00 UTC) plus two hours of a 08:00-18:00
        // week is Monday 09:00 local, which is 08:00 UTC in winter time, not 07:00.
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var schedule = new BusinessSchedule(berlin, new BusinessHours(Weekdays, new TimeOnly(8, 0), new TimeOnly(18, 0)), new Dictionary<DateOnly, string>());

        Assert.Equal(At("2026-10-26T08:00:00Z"), schedule.AddOpenTime(At("2026-10-23T15:00:00Z"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void A_day_open_until_midnight_counts_to_midnight_and_no_open_day_counts_calendar_time()
    {
        var lateShift = Schedule([DayOfWeek.Monday, DayOfWeek.Tuesday], "20:00", "24:00");
        var never = Schedule([], "08:00", "18:00");

        Assert.Equal(At("2026-11-24T21:00:00Z"), lateShift.AddOpenTime(At("2026-11-23T23:00:00Z"), TimeSpan.FromHours(2)));
        Assert.Equal(At("2026-11-23T23:15:00Z"), never.AddOpenTime(At("2026-11-23T23:00:00Z"), TimeSpan.FromMinutes(15)));
    }

    [Theory]
    [InlineData("2026-11-23T10:00:00Z", 15, "within 15 minutes")]              // open, well before closing
    [InlineData("2026-11-23T17:30:00Z", 60, "by tomorrow at 08:30 UTC")]       // half an hour left today
    [InlineData("2026-11-27T19:00:00Z", 15, "by Monday at 08:15 UTC")]         // Friday evening
    [InlineData("2026-12-18T17:30:00Z", 60, "by 28 December at 08:30 UTC")]    // the week after is all holidays
    [InlineData("2026-11-23T17:59:30Z", 15, "by tomorrow at 08:15 UTC")]       // the minute is rounded up
    public void The_promised_reply_time_names_the_moment_when_closing_time_comes_first(string now, int minutes, string expected)
    {
        var schedule = Schedule(Weekdays, "08:00", "18:00", "2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24", "2026-12-25");

        Assert.Equal(expected, ReplyTime.Within(TimeSpan.FromMinutes(minutes), schedule, At(now)));
        Assert.Equal("as soon as they can", ReplyTime.Within(null, schedule, At(now)));
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void With_no_opening_in_sight_it_promises_no_date() =>
        Assert.Equal("when we're back", OpeningHours.NextOpening(Schedule([], "08:00", "18:00"), DateTimeOffset.Parse("2026-11-23T19:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_admin_s_schedule_wins_over_the_script_s_in_the_text_as_in_the_branch()
    {
        var driver = TestScripts.Driver("""
            dialog: t
            timezone: UTC
            business_hours: { days: [mon, tue, wed, thu, fri], from: "08:00", to: "18:00" }
            start: b
            nodes:
              - id: b
                branch:
                  - when: { business_hours: true }
                    goto: open
                default: closed
              - id: open
                end: "We're open: {brand.hours}."
              - id: closed
                end: "We're closed ({brand.hours}); back {brand.opens}."
            """);
        driver.Now = DateTimeOffset.Parse("2026-11-23T19:00:00Z", System.Globalization.CultureInfo.InvariantCulture); // Monday evening

        Assert.Equal(["We're closed (Monday to Friday, 08:00 to 18:00 UTC); back tomorrow at 08:00 UTC."], driver.Say("hi").Texts());

        driver.Schedule = Schedule([DayOfWeek.Monday], "12:00", "20:00");
        Assert.Equal(["We're open: Monday, 12:00 to 20:00 UTC."], driver.Say("hi").Texts());

        // A holiday saved at /admin/settings, a week ahead on an open day, is said with the hours.
        driver.Schedule = Schedule([DayOfWeek.Monday], "12:00", "20:00", "2026-11-30");
        Assert.Equal(["We're open: Monday, 12:00 to 20:00 UTC (closed on 30 November for holiday)."], driver.Say("hi").Texts());
    }
}
