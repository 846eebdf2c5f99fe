namespace CareBot.Dialogs.Model;

/// <summary>
/// The brand's opening hours as an admin sets them at <c>/admin/settings</c>: a time zone, the weekly hours and the
/// holidays (closed all day). When the host passes one with a turn it wins over the script's own
/// <c>timezone:</c> and <c>business_hours:</c>, so one change reaches every dialog.
/// </summary>
public sealed record BusinessSchedule(TimeZoneInfo TimeZone, BusinessHours Hours, IReadOnlyDictionary<DateOnly, string> Holidays)
{
    /// <summary>Whether <paramref name="now"/> falls within the hours, on a day that is not a holiday, in the schedule's time zone.</summary>
    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZone).DateTime;
        return !Holidays.ContainsKey(DateOnly.FromDateTime(local)) && Hours.Contains(local);
    }
}
