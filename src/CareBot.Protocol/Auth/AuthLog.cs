using Microsoft.Extensions.Logging;

namespace CareBot.Protocol.Auth;

/// <summary>Source-generated log messages of Bot Framework authentication (event ids 1100-1199).</summary>
internal static partial class AuthLog
{
    [LoggerMessage(1100, LogLevel.Debug,
        "Channel request authenticated: {TokenProfile} token for app {AppId}, channel {ChannelId}, serviceUrl {ServiceUrl}")]
    public static partial void Authenticated(
        ILogger logger, string tokenProfile, string appId, string? channelId, string? serviceUrl);

    [LoggerMessage(1101, LogLevel.Warning,
        "Channel request refused ({Reason}): {Detail} [channel {ChannelId}, serviceUrl {ServiceUrl}, issuer {Issuer}, key {KeyId}]")]
    public static partial void Refused(
        ILogger logger, ChannelAuthenticationFailure reason, string detail, string? channelId, string? serviceUrl,
        string? issuer, string? keyId);

    [LoggerMessage(1102, LogLevel.Debug,
        "Channel request accepted without a token because authentication is off (no MicrosoftAppId) [channel {ChannelId}]")]
    public static partial void AcceptedAnonymously(ILogger logger, string? channelId);

    [LoggerMessage(1110, LogLevel.Information,
        "Fetched {KeyCount} signing keys from {MetadataUrl} (keys document {JwksUrl})")]
    public static partial void SigningKeysFetched(ILogger logger, int keyCount, Uri metadataUrl, Uri jwksUrl);

    [LoggerMessage(1111, LogLevel.Warning,
        "Could not refresh signing keys from {MetadataUrl}; still using the {KeyCount} keys fetched at {FetchedAt}")]
    public static partial void SigningKeysRefreshFailed(
        ILogger logger, Exception exception, Uri metadataUrl, int keyCount, DateTimeOffset fetchedAt);

    [LoggerMessage(1112, LogLevel.Information,
        "Token signed with unknown key {KeyId}: fetching the signing keys from {MetadataUrl} again (key rotation)")]
    public static partial void SigningKeysForcedRefresh(ILogger logger, string keyId, Uri metadataUrl);

    [LoggerMessage(1113, LogLevel.Debug,
        "Token signed with unknown key {KeyId}: keys from {MetadataUrl} were last fetched for an unknown key at {ForcedAt}, too recently to fetch again")]
    public static partial void SigningKeysRefreshSuppressed(ILogger logger, string keyId, Uri metadataUrl, DateTimeOffset forcedAt);

    [LoggerMessage(1120, LogLevel.Warning,
        "AUTHENTICATION IS OFF: MicrosoftAppId is not configured, so /api/messages accepts requests WITHOUT a token "
        + "and replies are sent without credentials. This is for local development and the Emulator only; set "
        + "MicrosoftAppId, MicrosoftAppPassword (and MicrosoftAppTenantId) before exposing the bot.")]
    public static partial void AuthenticationOff(ILogger logger);

    [LoggerMessage(1121, LogLevel.Information,
        "Bot Framework authentication is on: app {AppId} ({AppType}), Emulator tokens {EmulatorTokens}, channel metadata {MetadataUrl}")]
    public static partial void AuthenticationOn(
        ILogger logger, string appId, BotAppType appType, string emulatorTokens, Uri metadataUrl);

    [LoggerMessage(1130, LogLevel.Debug,
        "Connector token for app {AppId} from {TokenSource}, expires {ExpiresOn}")]
    public static partial void ConnectorTokenAcquired(ILogger logger, string appId, string tokenSource, DateTimeOffset expiresOn);

    [LoggerMessage(1131, LogLevel.Error,
        "Could not obtain a Connector token for app {AppId} from {Authority}: {ErrorCode} (HTTP {StatusCode})")]
    public static partial void ConnectorTokenFailed(
        ILogger logger, Exception exception, string appId, Uri authority, string errorCode, int statusCode);
}
