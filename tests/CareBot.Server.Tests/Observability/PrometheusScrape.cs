using System.Globalization;

namespace CareBot.Server.Tests.Observability;

/// <summary>
/// One read of <c>/metrics</c> (Prometheus text format) and the sum of a metric's samples whose labels contain the given
/// <c>name="value"</c> pairs. The meter is process-wide and tests run in parallel, so tests compare two scrapes (or use
/// a label value only they produce) instead of expecting absolute values.
/// </summary>
internal sealed class PrometheusScrape(string text)
{
    public string Text { get; } = text;

    public static async Task<PrometheusScrape> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return new PrometheusScrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The sum of <paramref name="metric"/>'s samples carrying every label in <paramref name="labels"/> (0 if none).</summary>
    public double Sum(string metric, params (string Name, string Value)[] labels)
    {
        var sum = 0.0;
        foreach (var line in Text.Split('\n'))
        {
            if (!line.StartsWith(metric + "{", StringComparison.Ordinal) && !line.StartsWith(metric + " ", StringComparison.Ordinal))
            {
                continue;
            }

            if (labels.All(label => line.Contains($"{label.Name}=\"{label.Value}\"", StringComparison.Ordinal)))
            {
                var afterLabels = line[(line.LastIndexOf('}') + 1)..].Trim();
                sum += double.Parse(afterLabels.Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }
}
