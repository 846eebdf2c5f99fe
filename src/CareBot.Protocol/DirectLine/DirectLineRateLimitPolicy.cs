using System.Globalization;
using System.Threading.RateLimiting;
using CareBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// A fixed window per client IP address (see <see cref="DirectLineRateLimiting"/>). It answers its own refusals (429,
/// <c>Retry-After</c>, ErrorResponse JSON) because ASP.NET Core's default is a bare 503, which clients read as "the
/// service is down" rather than "slow down".
/// </summary>
internal abstract class DirectLineRateLimitPolicy : IRateLimiterPolicy<string>
{
    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private readonly string _what;
    private readonly ILogger _logger;

    protected DirectLineRateLimitPolicy(int permitLimit, TimeSpan window, string what, ILogger logger)
    {
        _permitLimit = permitLimit;
        _window = window;
        _what = what;
        _logger = logger;
        OnRejected = RejectAsync;
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; }

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientOf(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = _permitLimit,
            Window = _window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    // A null address is an in-process test server; every such caller shares one budget.
    private static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "in-process";

    private async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        DirectLineLog.RateLimited(_logger, context.Request.Method, context.Request.Path, ClientOf(context));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = ActivityJson.Serialize(new ErrorResponse("TooManyRequests",
            $"Too many {_what} from this client; try again in {seconds.ToString(CultureInfo.InvariantCulture)} seconds."));
        await context.Response.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary><see cref="DirectLineRateLimiting.PolicyName"/>: token generate and refresh, conversation start.</summary>
internal sealed class DirectLineTokenRateLimitPolicy(IOptions<DirectLineOptions> options, ILogger<DirectLineTokenRateLimitPolicy> logger)
    : DirectLineRateLimitPolicy(options.Value.TokenRequestsPerClient, options.Value.TokenRequestWindow, "token or conversation requests", logger);

/// <summary><see cref="DirectLineRateLimiting.UploadPolicyName"/>: file uploads, which cost storage, not just a request.</summary>
internal sealed class DirectLineUploadRateLimitPolicy(IOptions<DirectLineOptions> options, ILogger<DirectLineUploadRateLimitPolicy> logger)
    : DirectLineRateLimitPolicy(options.Value.UploadsPerClient, options.Value.UploadWindow, "uploads", logger);
