using System.Threading.RateLimiting;
using CareBot.Server.Composition;
using CareBot.Server.RateLimiting;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Endpoints;

/// <summary>
/// How often one caller may ask for a report (<c>GET /api/analytics</c>): each request reads up to
/// <see cref="Care.Analytics.CareReportService.MaxRows"/> rows, so a caller gets <see cref="RateLimitOptions.AnalyticsPermitLimit"/>
/// per <see cref="RateLimitOptions.AnalyticsWindow"/>, counted per signed-in user or agent key (not per address: many
/// agents may share one), then 429 with <c>Retry-After</c>.
/// </summary>
public sealed class AnalyticsRateLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;
    private readonly TimeSpan window;

    public AnalyticsRateLimit(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        window = limits.AnalyticsWindow;
        limiter = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.AnalyticsPermitLimit,
            Window = limits.AnalyticsWindow,
            QueueLimit = 0,
        }));
    }

    /// <summary>An endpoint filter after the caller check: counts the request against its caller, or answers 429.</summary>
    internal static async ValueTask<object?> LimitAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limit = http.RequestServices.GetRequiredService<AnalyticsRateLimit>();
        var caller = http.Items.TryGetValue(CaseEndpoints.AgentItem, out var agent) && agent is string key ? "key:" + key
            : "user:" + (http.User.Identity?.Name ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        using var lease = limit.limiter.AttemptAcquire(caller);
        if (!lease.IsAcquired)
        {
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limit.window;
            return TooManyRequests.Result(wait, "Too many report requests from this caller.");
        }

        return await next(context).ConfigureAwait(false);
    }

    public void Dispose() => limiter.Dispose();
}
