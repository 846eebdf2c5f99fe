using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CareBot.Protocol.DirectLine;

/// <summary>Maps the built-in Direct Line 3.0 channel.</summary>
public static class DirectLineEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the Direct Line 3.0 client routes under <c>/v3/directline</c> (tokens generate/refresh, start, reconnect,
    /// get and post activities, upload files and fetch them, the WebSocket stream) and <c>POST /chat/token</c>, the chat page's same-origin token
    /// route. Needs <see cref="DirectLineServiceCollectionExtensions.AddDirectLineChannel"/> and the protocol's turn
    /// pipeline (<c>AddCareBotProtocol</c>) with an <c>IBot</c>. Token generate, token refresh and conversation start
    /// carry the rate-limiter policy <see cref="DirectLineRateLimiting.PolicyName"/>, uploads
    /// <see cref="DirectLineRateLimiting.UploadPolicyName"/>: call <c>app.UseRateLimiter()</c>. Files are kept only when
    /// an <see cref="IDirectLineUploadStore"/> is registered (storage does).
    /// </summary>
    public static IEndpointRouteBuilder MapDirectLineChannel(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/v3/directline").WithDisplayName("Direct Line 3.0");
        group.MapPost("/tokens/generate", DirectLineEndpoints.GenerateTokenAsync).RequireRateLimiting(DirectLineRateLimiting.PolicyName);
        group.MapPost("/tokens/refresh", DirectLineEndpoints.RefreshTokenAsync).RequireRateLimiting(DirectLineRateLimiting.PolicyName);
        group.MapPost("/conversations", DirectLineEndpoints.StartConversationAsync).RequireRateLimiting(DirectLineRateLimiting.PolicyName);
        group.MapGet("/conversations/{conversationId}", (HttpContext context, string conversationId) => DirectLineEndpoints.ReconnectAsync(context, conversationId));
        group.MapGet("/conversations/{conversationId}/activities", (HttpContext context, string conversationId) => DirectLineEndpoints.GetActivitiesAsync(context, conversationId));
        group.MapPost("/conversations/{conversationId}/activities", (HttpContext context, string conversationId) => DirectLineEndpoints.PostActivityAsync(context, conversationId));
        group.MapPost("/conversations/{conversationId}/upload", (HttpContext context, string conversationId) => DirectLineUploadEndpoints.UploadAsync(context, conversationId))
            .RequireRateLimiting(DirectLineRateLimiting.UploadPolicyName);
        // The same path the upload writes into the links, and the console recognises: one constant.
        endpoints.MapGet(DirectLineUploadLinks.PathPrefix + "{id}", (HttpContext context, string id) => DirectLineUploadEndpoints.DownloadAsync(context, id))
            .WithDisplayName("Direct Line 3.0 file");
        group.MapGet("/conversations/{conversationId}/stream", (HttpContext context, string conversationId) => DirectLineStreamEndpoint.HandleAsync(context, conversationId));
        endpoints.MapPost("/chat/token", DirectLineEndpoints.ChatTokenAsync);
        return endpoints;
    }
}
