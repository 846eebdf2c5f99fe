using CareBot.Server.Endpoints;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Composition;

/// <summary>
/// Security headers on every response: a Content-Security-Policy without inline script (the pages load their scripts
/// from files), no framing (clickjacking), no MIME sniffing and no referrer (a chat page URL may carry a token).
/// Web Chat styles itself with injected style elements, hence <c>style-src 'unsafe-inline'</c>; its Direct Line stream
/// is a WebSocket, hence <c>ws: wss:</c>; it reads a photo the customer picked from its blob: URL before uploading it,
/// hence <c>blob:</c> in <c>connect-src</c>. With <c>Chat:AllowExternalDirectLine</c> the page may talk to any channel.
/// The admin studio's code editor (Monaco) runs its language services in web workers, some started from blob: URLs,
/// hence <c>worker-src 'self' blob:</c> under <c>/admin</c> only.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<ChatPageOptions> chat)
{
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self' data:; media-src 'self' data: blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; connect-src ";

    private const string AdminWorkers = "; worker-src 'self' blob:";

    private readonly string policy = Policy + (chat.Value.AllowExternalDirectLine ? "'self' blob: http: https: ws: wss:" : "'self' blob: ws: wss:");

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase) ? policy + AdminWorkers : policy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return next(context);
    }
}
