namespace CareBot.Protocol.Auth;

/// <summary>Who sent an inbound activity, as proven by its token (or anonymous when auth is off).</summary>
/// <param name="IsAuthenticated">True when a token was validated; false for an anonymous local-development request.</param>
/// <param name="CallerId">The value to stamp on <c>activity.callerId</c>, e.g. <c>urn:botframework:azure</c>; null when anonymous.</param>
/// <param name="AppId">The bot's app id the token was issued for; null when anonymous.</param>
/// <param name="ServiceUrl">The <c>serviceurl</c> claim the token proved; null when anonymous or absent (Emulator tokens).</param>
public sealed record ChannelIdentity(bool IsAuthenticated, string? CallerId, string? AppId, string? ServiceUrl)
{
    /// <summary>The identity of a request accepted without a token because no app id is configured.</summary>
    public static ChannelIdentity Anonymous { get; } = new(false, null, null, null);
}
