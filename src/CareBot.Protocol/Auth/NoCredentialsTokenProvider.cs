namespace CareBot.Protocol.Auth;

/// <summary>The outbound token provider when authentication is off (no <c>MicrosoftAppId</c>): never a token.</summary>
public sealed class NoCredentialsTokenProvider : IConnectorTokenProvider
{
    /// <summary>The single instance; the provider has no state.</summary>
    public static NoCredentialsTokenProvider Instance { get; } = new();

    /// <inheritdoc />
    public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
