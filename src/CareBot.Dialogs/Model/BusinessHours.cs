namespace CareBot.Dialogs.Model;

/// <summary>When people are at work, in the script's time zone; branches can test <c>business_hours: true</c>.</summary>
public sealed record BusinessHours(IReadOnlySet<DayOfWeek> Days, TimeOnly From, TimeOnly To)
{
    /// <summary>Whether the given local time falls within business hours.</summary>
    public bool Contains(DateTime local) =>
        Days.Contains(local.DayOfWeek) && TimeOnly.FromDateTime(local) >= From && TimeOnly.FromDateTime(local) < To;
}
