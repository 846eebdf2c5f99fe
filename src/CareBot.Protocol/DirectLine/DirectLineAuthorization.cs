using System.Net;
using Microsoft.AspNetCore.Http;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// Checks a request's credentials: <c>Authorization: Bearer {secret or token}</c> (or <c>?t=</c> on the stream). Missing
/// or unknown → 401; expired token → 403 <c>TokenExpired</c> (DirectLineJS reads 403 as "expired"); a token of another
/// conversation → 403. Without a configured secret only loopback clients are served.
/// </summary>
internal static class DirectLineAuthorization
{
    public static async Task<(DirectLineCaller? Caller, DirectLineRequestError? Error)> AuthorizeAsync(
        HttpContext context, DirectLineChannel channel, string? conversationId, bool allowQueryToken = false)
    {
        if (CheckLoopback(context, channel) is { } loopbackError)
        {
            return (null, loopbackError);
        }

        var credential = BearerOf(context.Request.Headers.Authorization.ToString());
        if (credential is null && allowQueryToken && context.Request.Query["t"].ToString() is { Length: > 0 } queryToken)
        {
            credential = queryToken;
        }

        if (credential is null)
        {
            return (null, new DirectLineRequestError(StatusCodes.Status401Unauthorized, "MissingAuthorization",
                "Send the Direct Line secret or a token as 'Authorization: Bearer <secret-or-token>'."));
        }

        if (channel.Tokens.IsSecret(credential))
        {
            return (new DirectLineCaller(true, null, credential), null);
        }

        if (await channel.Store.FindTokenAsync(credential, context.RequestAborted).ConfigureAwait(false) is not { } grant)
        {
            return (null, new DirectLineRequestError(StatusCodes.Status401Unauthorized, "Unauthorized",
                "The secret or token is not valid for this bot."));
        }

        if (grant.ExpiresAt <= channel.Time.GetUtcNow())
        {
            return (null, new DirectLineRequestError(StatusCodes.Status403Forbidden, "TokenExpired",
                "The token has expired; get a new one (an expired token cannot be refreshed)."));
        }

        if (conversationId is not null && !string.Equals(grant.ConversationId, conversationId, StringComparison.Ordinal))
        {
            return (null, new DirectLineRequestError(StatusCodes.Status403Forbidden, "Forbidden",
                "The token is for another conversation."));
        }

        return (new DirectLineCaller(false, grant, credential), null);
    }

    /// <summary>With a generated development secret, refuses every client that is not on this machine.</summary>
    public static DirectLineRequestError? CheckLoopback(HttpContext context, DirectLineChannel channel)
    {
        // A null address is an in-process test server: nothing came over the network.
        var remote = context.Connection.RemoteIpAddress;
        if (!channel.Tokens.IsDevelopmentSecret || remote is null || IPAddress.IsLoopback(remote))
        {
            return null;
        }

        return new DirectLineRequestError(StatusCodes.Status403Forbidden, "LoopbackOnly",
            "No DirectLine:Secret is configured, so the built-in Direct Line channel only answers this machine; set DirectLine__Secret to serve others.");
    }

    private static string? BearerOf(string header)
    {
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header.Length > Scheme.Length
            ? header[Scheme.Length..].Trim()
            : null;
    }
}
