using CareBot.Protocol.DirectLine;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Composition;

/// <summary>
/// Without a configured <c>DirectLine:Secret</c> the built-in Direct Line channel answers loopback clients only. A proxy
/// or tunnel on this machine (ngrok, a reverse proxy) would make every client look like loopback, so a request to the
/// channel or <c>/chat/token</c> that carries <c>X-Forwarded-For</c> or <c>Forwarded</c> is refused with 403.
/// </summary>
public sealed class ProxiedLoopbackGuard(RequestDelegate next, IOptions<DirectLineOptions> directLine)
{
    private static readonly PathString DirectLinePath = "/v3/directline";
    private static readonly PathString ChatTokenPath = "/chat/token";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var guarded = request.Path.StartsWithSegments(DirectLinePath) || request.Path.StartsWithSegments(ChatTokenPath);
        if (!guarded || !string.IsNullOrWhiteSpace(directLine.Value.Secret)
            || (!request.Headers.ContainsKey("X-Forwarded-For") && !request.Headers.ContainsKey("Forwarded")))
        {
            return next(context);
        }

        return Results.Json(
            new { error = new { code = "LoopbackOnly", message = "No DirectLine:Secret is configured, so the built-in Direct Line channel only answers this machine, and this request came through a proxy. Set DirectLine__Secret to serve clients through a proxy." } },
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
    }
}
