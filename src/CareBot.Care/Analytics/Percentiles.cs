namespace CareBot.Care.Analytics;

/// <summary>The median and 90th percentile of a set of durations (nearest rank), and how many there were; null when none.</summary>
public sealed record Percentiles(int Count, double? P50, double? P90)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? new Percentiles(0, null, null) : new Percentiles(sorted.Length, Rank(sorted, 0.5), Rank(sorted, 0.9));
    }

    // Nearest rank: the smallest value with at least p of the values at or below it.
    private static double Rank(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
