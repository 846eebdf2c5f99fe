using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CareBot.Meta.Graph;

/// <summary>
/// Per page: whether its calls must pause. Meta reports usage in <c>X-App-Usage</c> (percentages) and
/// <c>X-Business-Use-Case-Usage</c> (percentages and <c>estimated_time_to_regain_access</c> in minutes) and answers a
/// throttled call with a rate-limit error; past 100 % (or with a regain time) the page's calls wait instead of making
/// the throttling longer.
/// </summary>
public sealed class MetaRateGate(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> pausedUntil = new(StringComparer.Ordinal);

    /// <summary>When the page may call again, if it must wait now.</summary>
    public DateTimeOffset? PausedUntil(string pageId) =>
        pausedUntil.TryGetValue(pageId, out var until) && until > time.GetUtcNow() ? until : null;

    /// <summary>Pauses the page for <paramref name="pause"/> (or longer, if already paused longer).</summary>
    public DateTimeOffset Pause(string pageId, TimeSpan pause)
    {
        var until = time.GetUtcNow() + pause;
        return pausedUntil.AddOrUpdate(pageId, until, (_, current) => current > until ? current : until);
    }

    /// <summary>The pause the usage headers ask for, if any: the regain time, or <paramref name="fallback"/> at 100 %.</summary>
    public static TimeSpan? PauseFrom(HttpResponseHeaders headers, TimeSpan fallback)
    {
        ArgumentNullException.ThrowIfNull(headers);
        TimeSpan? pause = null;
        foreach (var name in new[] { "X-App-Usage", "X-Page-Usage", "X-Business-Use-Case-Usage" })
        {
            if (!headers.TryGetValues(name, out var values))
            {
                continue;
            }

            foreach (var value in values)
            {
                try
                {
                    using var document = JsonDocument.Parse(value);
                    pause = Max(pause, Scan(document.RootElement, fallback));
                }
                catch (JsonException)
                {
                    // A header we can't read says nothing; the error codes still apply.
                }
            }
        }

        return pause;
    }

    private static TimeSpan? Scan(JsonElement element, TimeSpan fallback)
    {
        TimeSpan? pause = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDouble(out var number))
                    {
                        if (property.Name == "estimated_time_to_regain_access" && number > 0)
                        {
                            pause = Max(pause, TimeSpan.FromMinutes(number));
                        }
                        else if (property.Name is "call_count" or "total_time" or "total_cputime" && number >= 100)
                        {
                            pause = Max(pause, fallback);
                        }
                    }
                    else
                    {
                        pause = Max(pause, Scan(property.Value, fallback));
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    pause = Max(pause, Scan(item, fallback));
                }

                break;
        }

        return pause;
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>For logs and tests: a pause as text.</summary>
    public static string Describe(TimeSpan pause) => pause.ToString("c", CultureInfo.InvariantCulture);
}
