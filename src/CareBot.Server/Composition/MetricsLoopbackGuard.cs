using System.Net;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Composition;

/// <summary>
/// <c>GET /metrics</c> tells anyone who can read it how busy the care team is, so by default only this machine may scrape
/// it: a client from another address, or any request through a proxy on this machine (<c>X-Forwarded-For</c> or
/// <c>Forwarded</c>, which would make every client look local), gets 403 unless <c>OpenTelemetry:Prometheus:AllowRemote</c>.
/// </summary>
public sealed class MetricsLoopbackGuard(RequestDelegate next, IOptions<OpenTelemetryOptions> options)
{
    public static readonly PathString MetricsPath = "/metrics";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments(MetricsPath) || IsAllowed(context.Connection.RemoteIpAddress, context.Request.Headers, options.Value.Prometheus.AllowRemote))
        {
            return next(context);
        }

        return Results.Json(
            new { error = new { code = "LoopbackOnly", message = "The metrics endpoint answers this machine only. Scrape it locally, or set OpenTelemetry__Prometheus__AllowRemote=true (and protect it at your proxy)." } },
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
    }

    /// <summary>Whether a scrape from <paramref name="remote"/> with these headers may read the metrics.</summary>
    public static bool IsAllowed(IPAddress? remote, IHeaderDictionary headers, bool allowRemote)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (allowRemote)
        {
            return true;
        }

        // No address means an in-process request (TestServer), which is this machine.
        var local = remote is null || IPAddress.IsLoopback(remote);
        return local && !headers.ContainsKey("X-Forwarded-For") && !headers.ContainsKey("Forwarded");
    }
}
