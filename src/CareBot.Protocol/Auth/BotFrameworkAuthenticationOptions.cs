using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CareBot.Protocol.Auth;

/// <summary>
/// Bot Framework credentials and token-validation settings. The four credential keys live at the configuration ROOT,
/// spelled as Bot Framework users know them (<c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>,
/// <c>MicrosoftAppTenantId</c>); everything else is in the <see cref="SectionName"/> section. The JSON shape is shown
/// beside <see cref="BotFrameworkAuthenticationServiceCollectionExtensions.AddBotFrameworkAuthentication"/>.
/// </summary>
public sealed class BotFrameworkAuthenticationOptions
{
    /// <summary>The configuration section holding the non-credential settings.</summary>
    public const string SectionName = "BotFrameworkAuthentication";

    /// <summary>Root key <c>MicrosoftAppType</c>. Default <see cref="BotAppType.MultiTenant"/> (as in the SDK).</summary>
    public BotAppType MicrosoftAppType { get; set; } = BotAppType.MultiTenant;

    /// <summary>
    /// Root key <c>MicrosoftAppId</c>: the bot's Entra app id. Empty (the default) turns authentication OFF for local
    /// development: requests without a token are accepted and nothing is sent to the Connector with a token.
    /// </summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>Root key <c>MicrosoftAppPassword</c>: the app's client secret. Required when an app id is set.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>Root key <c>MicrosoftAppTenantId</c>: the app's tenant. Required for <see cref="BotAppType.SingleTenant"/>.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>Use the US Government cloud's issuers, metadata, caller id, login host and scope. Default false.</summary>
    public bool UseUSGovernmentCloud { get; set; }

    /// <summary>
    /// OpenID metadata of the Bot Connector service. Default: <c>https://login.botframework.com/v1/.well-known/openidconfiguration</c>
    /// (or the US Government one). Must be https except on a loopback host (tests).
    /// </summary>
    public Uri? ChannelOpenIdMetadataUrl { get; set; }

    /// <summary>
    /// OpenID metadata for Emulator tokens. Default: <c>https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration</c>
    /// (or the US Government one). Must be https except on a loopback host (tests).
    /// </summary>
    public Uri? EmulatorOpenIdMetadataUrl { get; set; }

    /// <summary>
    /// Accept tokens the Bot Framework Emulator obtains with the bot's own credentials (Entra-issued, no
    /// <c>serviceurl</c> claim). Default false: production bots only accept Bot Connector tokens.
    /// </summary>
    public bool EmulatorTokensEnabled { get; set; }

    /// <summary>Tolerance when checking a token's <c>nbf</c> and <c>exp</c>. Default 5 minutes (the protocol's value).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long fetched signing keys are used before they are fetched again. Default 12 hours; at most 24 hours.</summary>
    public TimeSpan SigningKeyRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The least time between two fetches forced by a token whose key id is unknown (key rotation), so garbage tokens
    /// cannot make the bot hammer the metadata endpoint. Default 5 minutes.
    /// </summary>
    public TimeSpan SigningKeyMinimumRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The authority outbound tokens are requested from. Default: <c>https://login.microsoftonline.com/{MicrosoftAppTenantId}</c>
    /// for SingleTenant, <c>https://login.microsoftonline.com/botframework.com</c> for MultiTenant (US Government:
    /// <c>https://login.microsoftonline.us/...</c>). When set, MSAL's authority validation and instance discovery are off.
    /// </summary>
    public Uri? TokenAuthority { get; set; }

    /// <summary>The scope of outbound tokens. Default <c>https://api.botframework.com/.default</c> (US Government: <c>.us</c>).</summary>
    public string? OAuthScope { get; set; }

    /// <summary>True when <see cref="MicrosoftAppId"/> is set; false means local development with authentication off.</summary>
    public bool IsAuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>The channel metadata URL in effect (the configured one or the cloud's default).</summary>
    public Uri EffectiveChannelOpenIdMetadataUrl => ChannelOpenIdMetadataUrl ?? new Uri(UseUSGovernmentCloud
        ? BotFrameworkAuthenticationConstants.GovernmentChannelOpenIdMetadataUrl
        : BotFrameworkAuthenticationConstants.ChannelOpenIdMetadataUrl);

    /// <summary>The Emulator metadata URL in effect (the configured one or the cloud's default).</summary>
    public Uri EffectiveEmulatorOpenIdMetadataUrl => EmulatorOpenIdMetadataUrl ?? new Uri(UseUSGovernmentCloud
        ? BotFrameworkAuthenticationConstants.GovernmentEmulatorOpenIdMetadataUrl
        : BotFrameworkAuthenticationConstants.EmulatorOpenIdMetadataUrl);

    /// <summary>The issuer of Bot Connector tokens for the configured cloud.</summary>
    public string ChannelTokenIssuer => UseUSGovernmentCloud
        ? BotFrameworkAuthenticationConstants.GovernmentChannelTokenIssuer
        : BotFrameworkAuthenticationConstants.ChannelTokenIssuer;

    /// <summary>The <c>callerId</c> for authenticated activities in the configured cloud.</summary>
    public string CallerId => UseUSGovernmentCloud
        ? BotFrameworkAuthenticationConstants.GovernmentCallerId
        : BotFrameworkAuthenticationConstants.PublicCallerId;

    /// <summary>The outbound token scope in effect.</summary>
    public string EffectiveOAuthScope => !string.IsNullOrWhiteSpace(OAuthScope)
        ? OAuthScope
        : UseUSGovernmentCloud
            ? BotFrameworkAuthenticationConstants.GovernmentConnectorScope
            : BotFrameworkAuthenticationConstants.ConnectorScope;

    /// <summary>The outbound token authority in effect.</summary>
    public Uri EffectiveTokenAuthority
    {
        get
        {
            if (TokenAuthority is not null)
            {
                return TokenAuthority;
            }

            string host = UseUSGovernmentCloud
                ? BotFrameworkAuthenticationConstants.GovernmentLoginHost
                : BotFrameworkAuthenticationConstants.LoginHost;
            string tenant = MicrosoftAppType == BotAppType.SingleTenant && !string.IsNullOrWhiteSpace(MicrosoftAppTenantId)
                ? MicrosoftAppTenantId
                : UseUSGovernmentCloud
                    ? BotFrameworkAuthenticationConstants.GovernmentMultiTenantAuthorityTenant
                    : BotFrameworkAuthenticationConstants.MultiTenantAuthorityTenant;
            return new Uri($"{host}/{Uri.EscapeDataString(tenant)}");
        }
    }

    /// <summary>
    /// Fills <paramref name="options"/> from the configuration root (the four <c>MicrosoftApp*</c> keys) and the
    /// <see cref="SectionName"/> section.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>MicrosoftAppType</c> is not one of the known values.</exception>
    public static void Bind(IConfiguration configuration, BotFrameworkAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);

        configuration.GetSection(SectionName).Bind(options);

        string? appType = configuration["MicrosoftAppType"];
        if (!string.IsNullOrWhiteSpace(appType))
        {
            if (!Enum.TryParse(appType.Trim(), ignoreCase: true, out BotAppType parsed)
                || !Enum.IsDefined(parsed)
                || int.TryParse(appType, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                throw new InvalidOperationException(
                    $"MicrosoftAppType '{appType}' is not valid: use MultiTenant, SingleTenant or UserAssignedMSI.");
            }

            options.MicrosoftAppType = parsed;
        }

        options.MicrosoftAppId = Trimmed(configuration["MicrosoftAppId"]) ?? options.MicrosoftAppId;
        options.MicrosoftAppPassword = NonEmpty(configuration["MicrosoftAppPassword"]) ?? options.MicrosoftAppPassword;
        options.MicrosoftAppTenantId = Trimmed(configuration["MicrosoftAppTenantId"]) ?? options.MicrosoftAppTenantId;
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // A secret is used verbatim: leading or trailing spaces could be part of it.
    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
