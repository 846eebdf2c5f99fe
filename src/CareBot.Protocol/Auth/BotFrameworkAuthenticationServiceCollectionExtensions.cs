using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace CareBot.Protocol.Auth;

/// <summary>DI entry point of Bot Framework authentication (inbound channel tokens, outbound Connector tokens).</summary>
public static class BotFrameworkAuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BotFrameworkAuthenticationOptions"/> (validated at start-up), <see cref="IChannelAuthenticator"/>,
    /// <see cref="IConnectorTokenProvider"/> (MSAL when <c>MicrosoftAppId</c> is set, otherwise none), a
    /// <see cref="TimeProvider"/> when none is registered, the HTTP clients they use, and a start-up log line that warns
    /// loudly when authentication is off.
    /// </summary>
    /// <remarks>
    /// Configuration (appsettings.json; environment variables use the same names, <c>__</c> for <c>:</c>):
    /// <code>
    /// {
    ///   "MicrosoftAppType": "SingleTenant",          // MultiTenant (default) | SingleTenant | UserAssignedMSI (not yet)
    ///   "MicrosoftAppId": "00000000-0000-0000-0000-000000000000",   // empty = authentication OFF (local development)
    ///   "MicrosoftAppPassword": "client secret",
    ///   "MicrosoftAppTenantId": "11111111-1111-1111-1111-111111111111",
    ///   "BotFrameworkAuthentication": {
    ///     "EmulatorTokensEnabled": false,
    ///     "ClockSkew": "00:05:00",
    ///     "SigningKeyRefreshInterval": "12:00:00",
    ///     "SigningKeyMinimumRefreshInterval": "00:05:00",
    ///     "UseUSGovernmentCloud": false,
    ///     "ChannelOpenIdMetadataUrl": null,           // default https://login.botframework.com/v1/.well-known/openidconfiguration
    ///     "EmulatorOpenIdMetadataUrl": null,          // default https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration
    ///     "TokenAuthority": null,                     // default https://login.microsoftonline.com/{tenant | botframework.com}
    ///     "OAuthScope": null                          // default https://api.botframework.com/.default
    ///   }
    /// }
    /// </code>
    /// An <see cref="IMsalHttpClientFactory"/> registered before this call replaces the default HTTP client of MSAL.
    /// </remarks>
    public static IServiceCollection AddBotFrameworkAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotFrameworkAuthenticationOptions>()
            .Configure(options => BotFrameworkAuthenticationOptions.Bind(configuration, options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor
            .Singleton<IValidateOptions<BotFrameworkAuthenticationOptions>, BotFrameworkAuthenticationOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(OpenIdKeySource.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(10);
            client.MaxResponseContentBufferSize = 1024 * 1024;
        });
        services.AddHttpClient(MsalHttpClientFactoryAdapter.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton<IMsalHttpClientFactory>(
            sp => new MsalHttpClientFactoryAdapter(sp.GetRequiredService<IHttpClientFactory>()));

        services.TryAddSingleton<IChannelAuthenticator, ChannelTokenAuthenticator>();

        // Chosen once, from the validated options: no app id means no outbound credentials.
        services.TryAddSingleton<IConnectorTokenProvider>(sp =>
        {
            IOptions<BotFrameworkAuthenticationOptions> options = sp.GetRequiredService<IOptions<BotFrameworkAuthenticationOptions>>();
            return options.Value.IsAuthenticationEnabled
                ? new MsalConnectorTokenProvider(
                    options,
                    sp.GetRequiredService<ILogger<MsalConnectorTokenProvider>>(),
                    sp.GetRequiredService<IMsalHttpClientFactory>())
                : NoCredentialsTokenProvider.Instance;
        });

        services.AddHostedService<AuthenticationStartupReport>();
        return services;
    }
}
