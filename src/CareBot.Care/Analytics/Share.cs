namespace CareBot.Care.Analytics;

/// <summary>A part of a whole: <c>Count</c> of <c>Of</c>, and the percentage (null when the whole is empty).</summary>
public sealed record Share(int Count, int Of)
{
    public double? Percent => Of == 0 ? null : Math.Round(100.0 * Count / Of, 1);
}
