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
    }
}
