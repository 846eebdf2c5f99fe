namespace CareBot.Care.Integrations;

/// <summary>
/// One of the brand's own HTTP APIs that <c>lookup:</c> nodes may call (section <c>Integrations:NAME</c>; a script names
/// it as <c>lookup: NAME</c>, case-insensitively). Everything about where and how to call lives here, never in a script:
/// put secret header values in environment variables or a secret store, e.g. <c>Integrations__Orders__Headers__Authorization</c>.
/// </summary>
public sealed class IntegrationOptions
{
    /// <summary>The parent section.</summary>
    public const string SectionName = "Integrations";

    /// <summary>
    /// The API's absolute http(s) base URL, e.g. <c>https://api.contoso.example/v1/</c>. Required. A lookup's path is
    /// appended to it, and a request that would leave it is refused.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Headers sent with every call (API keys, bearer tokens). Default none.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one attempt may take. Default 3 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How many times a failed attempt (network error, timeout, 408, 429, 5xx) is retried. Default 2; 0 turns retries off.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>The first retry's delay; later ones back off exponentially (with jitter). Default 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the whole lookup (all attempts) may take before the dialog takes its fallback. Default 8 seconds.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// How many calls in 30 seconds the circuit breaker needs to see before it may open; it opens when half of them fail,
    /// and lookups then fail at once (taking the fallback) for <see cref="BreakDuration"/>. Default 10.
    /// </summary>
    public int CircuitBreakerMinimumCalls { get; set; } = 10;

    /// <summary>How long an open circuit stays open. Default 30 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest response read, in bytes; a bigger one counts as a failed lookup. Default 65536.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>Why these options cannot work, or null when they can (checked at start-up).</summary>
    public string? Problem(string name)
    {
        var at = $"{SectionName}:{name}";
        if (BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            return $"{at}:BaseUrl must be an absolute http(s) URL without query, e.g. https://api.contoso.example/v1/ (was '{BaseUrl}').";
        }

        if (Timeout <= TimeSpan.Zero || TotalTimeout < Timeout || RetryDelay < TimeSpan.Zero)
        {
            return $"{at}: Timeout must be positive, TotalTimeout no less than Timeout, and RetryDelay not negative (e.g. 00:00:03, 00:00:08, 00:00:00.2).";
        }

        if (Retries is < 0 or > 10 || CircuitBreakerMinimumCalls < 2 || BreakDuration < TimeSpan.FromSeconds(1) || MaxResponseBytes < 1)
        {
            return $"{at}: Retries must be 0-10, CircuitBreakerMinimumCalls at least 2, BreakDuration at least 1 second and MaxResponseBytes positive.";
        }

        return null;
    }
}
