namespace CareBot.Protocol.Auth;

/// <summary>
/// Validates the <c>Authorization</c> header a channel sends with an activity to <c>POST /api/messages</c>.
/// </summary>
public interface IChannelAuthenticator
{
    /// <summary>
    /// Authenticates one inbound request. Returns the caller's identity (anonymous when auth is off and no header was
    /// sent); throws <see cref="ChannelAuthenticationException"/> with a reason code on any failure.
    /// </summary>
    /// <param name="authorizationHeader">The raw header value, or null when absent.</param>
    /// <param name="channelId">The activity's <c>channelId</c> (for key endorsements).</param>
    /// <param name="serviceUrl">The activity's <c>serviceUrl</c> (must equal the token's <c>serviceurl</c> claim).</param>
    /// <param name="cancellationToken">Cancels metadata fetches.</param>
    Task<ChannelIdentity> AuthenticateAsync(
        string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken);
}
