using System.Globalization;
using System.Threading.RateLimiting;
using CareBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// <see cref="DirectLineRateLimiting.PolicyName"/>: a fixed window per client IP address. It answers its own refusals
/// (429, <c>Retry-After</c>, ErrorResponse JSON) because ASP.NET Core's default is a bare 503, which clients read as
/// "the service is down" rather than "slow down".
/// </summary>
internal sealed class DirectLineRateLimitPolicy : IRateLimiterPolicy<string>
{
    private readonly DirectLineOptions _options;
    private readonly ILogger<DirectLineRateLimitPolicy> _logger;

    public DirectLineRateLimitPolicy(IOptions<DirectLineOptions> options, ILogger<DirectLineRateLimitPolicy> logger)
    {
        _options = options.Value;
        _logger = logger;
        OnRejected = RejectAsync;
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; }

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientOf(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = _options.TokenRequestsPerClient,
            Window = _options.TokenRequestWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    // A null address is an in-process test server; every such caller shares one budget.
    private static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "in-process";

    private async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _options.TokenRequestWindow;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        DirectLineLog.RateLimited(_logger, context.Request.Method, context.Request.Path, ClientOf(context));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = ActivityJson.Serialize(new ErrorResponse("TooManyRequests",
            $"Too many token or conversation requests from this client; try again in {seconds.ToString(CultureInfo.InvariantCulture)} seconds."));
        await context.Response.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
