using CareBot.Protocol.Auth;
using CareBot.Protocol.Schema;

namespace CareBot.Testing.Hosting;

/// <summary>
/// Channel authentication for endpoint tests, without JWTs. Auth off (<see cref="RequireToken"/> false): a request without
/// a header is anonymous. A header equal to <c>Bearer {ValidToken}</c> is authenticated as the public Azure channel,
/// proving the activity's serviceUrl. Anything else throws <see cref="ChannelAuthenticationException"/>.
/// </summary>
public sealed class FakeChannelAuthenticator : IChannelAuthenticator
{
    /// <summary>True: "auth on", a request without a token is refused.</summary>
    public bool RequireToken { get; set; }

    public string ValidToken { get; set; } = "valid-test-token";

    public Task<ChannelIdentity> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        if (authorizationHeader is null)
        {
            return RequireToken
                ? throw new ChannelAuthenticationException(ChannelAuthenticationFailure.MissingToken, "No Authorization header.")
                : Task.FromResult(ChannelIdentity.Anonymous);
        }

        if (authorizationHeader != "Bearer " + ValidToken)
        {
            throw new ChannelAuthenticationException(ChannelAuthenticationFailure.BadSignature, "The test token is not the valid one.");
        }

        return Task.FromResult(new ChannelIdentity(true, CallerIdConstants.PublicAzureChannel, "test-app-id", serviceUrl));
    }
}
