using CareBot.Protocol.DirectLine;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Endpoints;

/// <summary>
/// <c>GET /chat/config</c>: the chat page's settings, fetched by chat.js (the page has no inline script, so the server
/// can't write them into it).
/// </summary>
public static class ChatPageEndpoints
{
    public static IEndpointRouteBuilder MapChatPageConfig(this IEndpointRouteBuilder endpoints)
    {
        // The upload bounds let the page tell a customer at once that a photo is too large, before it is sent.
        endpoints.MapGet("/chat/config", (IOptions<ChatPageOptions> options, IOptions<DirectLineOptions> directLine) =>
            Results.Json(new
            {
                allowExternalDirectLine = options.Value.AllowExternalDirectLine,
                maxUploadBytes = directLine.Value.MaxUploadBytes,
                maxUploadFiles = directLine.Value.MaxUploadFiles,
            }));
        return endpoints;
    }
}
