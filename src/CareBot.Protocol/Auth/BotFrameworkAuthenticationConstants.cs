namespace CareBot.Protocol.Auth;

/// <summary>Fixed values of the Bot Framework authentication protocol (public cloud and US Government).</summary>
public static class BotFrameworkAuthenticationConstants
{
    /// <summary>The <c>iss</c> of tokens the Bot Connector service sends to bots (public cloud).</summary>
    public const string ChannelTokenIssuer = "https://api.botframework.com";

    /// <summary>The <c>iss</c> of tokens the Bot Connector service sends to bots (US Government cloud).</summary>
    public const string GovernmentChannelTokenIssuer = "https://api.botframework.us";

    /// <summary>OpenID metadata of the Bot Connector service (public cloud).</summary>
    public const string ChannelOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>OpenID metadata of the Bot Connector service (US Government cloud).</summary>
    public const string GovernmentChannelOpenIdMetadataUrl =
        "https://login.botframework.azure.us/v1/.well-known/openidconfiguration";

    /// <summary>OpenID metadata for Emulator (Entra-issued) tokens, public cloud (the SDK's choice).</summary>
    public const string EmulatorOpenIdMetadataUrl =
        "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>OpenID metadata for Emulator (Entra-issued) tokens, US Government cloud.</summary>
    public const string GovernmentEmulatorOpenIdMetadataUrl =
        "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration";

    /// <summary>The <c>callerId</c> stamped on activities that arrived with a valid public-cloud token.</summary>
    public const string PublicCallerId = "urn:botframework:azure";

    /// <summary>The <c>callerId</c> stamped on activities that arrived with a valid US Government token.</summary>
    public const string GovernmentCallerId = "urn:botframework:azureusgov";

    /// <summary>Scope of the outbound (bot → Connector) client-credentials token, public cloud.</summary>
    public const string ConnectorScope = "https://api.botframework.com/.default";

    /// <summary>Scope of the outbound (bot → Connector) client-credentials token, US Government cloud.</summary>
    public const string GovernmentConnectorScope = "https://api.botframework.us/.default";

    /// <summary>Login host for outbound tokens (public cloud); the tenant follows as the first path segment.</summary>
    public const string LoginHost = "https://login.microsoftonline.com";

    /// <summary>The tenant that issues outbound tokens for multi-tenant bots (public cloud).</summary>
    public const string MultiTenantAuthorityTenant = "botframework.com";

    /// <summary>Login host for outbound tokens (US Government cloud).</summary>
    public const string GovernmentLoginHost = "https://login.microsoftonline.us";

    /// <summary>The tenant that issues outbound tokens for multi-tenant bots (US Government cloud).</summary>
    public const string GovernmentMultiTenantAuthorityTenant = "MicrosoftServices.onmicrosoft.us";

    /// <summary>The signing algorithms a channel token may use; anything else (none, HS256, ...) is refused.</summary>
    public static IReadOnlyList<string> AllowedSigningAlgorithms { get; } = ["RS256", "RS384", "RS512"];

    /// <summary>
    /// Issuers of Emulator tokens (Entra v1 and v2 tokens of the Bot Framework tenants, public and US Government),
    /// as accepted by the Bot Framework SDK. A SingleTenant bot also accepts its own tenant's issuers (<c>MicrosoftAppTenantId</c>);
    /// no other tenant's.
    /// </summary>
    public static IReadOnlyList<string> EmulatorTokenIssuers { get; } =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
        "https://sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e/",
        "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0",
        "https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];
}
