namespace CareBot.Protocol.Auth;

/// <summary>Supplies the bearer token the bot sends to the Connector (bot → channel).</summary>
public interface IConnectorTokenProvider
{
    /// <summary>
    /// Returns a valid access token for the Bot Framework Connector, or null when auth is off (no app id configured),
    /// in which case no <c>Authorization</c> header is sent. Tokens are cached and refreshed before they expire.
    /// </summary>
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}
