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
        endpoints.MapGet("/chat/config", (IOptions<ChatPageOptions> options) =>
            Results.Json(new { allowExternalDirectLine = options.Value.AllowExternalDirectLine }));
        return endpoints;
    }
}
