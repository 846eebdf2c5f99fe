using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareBot.Protocol.Connector;

/// <summary>DI registration of the Connector client.</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>The name of the typed HttpClient, for callers that want to add handlers to it.</summary>
    public const string HttpClientName = "CareBot.Connector";

    /// <summary>
    /// Registers <see cref="IConnectorClient"/> (a typed HttpClient), <see cref="ITrustedServiceUrls"/> (singleton),
    /// <see cref="ConnectorOptions"/> from the <c>Connector</c> section (validated at start-up) and
    /// <see cref="TimeProvider.System"/> when no TimeProvider is registered. The <c>IConnectorTokenProvider</c> comes from
    /// the auth registration, which decides whether auth is on.
    /// </summary>
    /// <remarks>
    /// Configuration (every key optional; the defaults are shown):
    /// <code>
    /// "Connector": {
    ///   "Timeout": "00:00:15",          // per attempt
    ///   "MaxRetries": 3,                // retries of 429/5xx/408/timeouts/network errors
    ///   "MaxRetryAfter": "00:00:30",    // a longer Retry-After fails the call as transient instead of waiting
    ///   "BaseRetryDelay": "00:00:00.5", // exponential backoff with jitter when there is no Retry-After
    ///   "AllowedServiceUrls": [ "https://smba.trafficmanager.net/amer/" ],
    ///   "MaxTrustedServiceUrls": 1000,
    ///   "KeepFiles": true,              // copy Teams-style attachments (bot's token needed) into the file store
    ///   "FileTimeout": "00:00:05"       // for one message's files together
    /// }
    /// </code>
    /// </remarks>
    public static IServiceCollection AddBotFrameworkConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ConnectorOptions>()
            .Bind(configuration.GetSection(ConnectorOptions.SectionName))
            .Validate(o => o.Timeout > TimeSpan.Zero, "Connector:Timeout must be positive, e.g. \"00:00:15\".")
            .Validate(o => o.MaxRetries is >= 0 and <= 10, "Connector:MaxRetries must be between 0 and 10.")
            .Validate(o => o.MaxRetryAfter >= TimeSpan.Zero, "Connector:MaxRetryAfter must not be negative, e.g. \"00:00:30\".")
            .Validate(o => o.BaseRetryDelay >= TimeSpan.Zero, "Connector:BaseRetryDelay must not be negative, e.g. \"00:00:00.5\".")
            .Validate(o => o.MaxTrustedServiceUrls > 0, "Connector:MaxTrustedServiceUrls must be positive.")
            .Validate(o => o.FileTimeout > TimeSpan.Zero && o.FileTimeout <= TimeSpan.FromSeconds(10), "Connector:FileTimeout must be between 0 and 10 seconds (channels wait about 15 for the bot), e.g. \"00:00:05\".")
            .Validate(
                o => o.AllowedServiceUrls.All(IsHttpUrl),
                "Connector:AllowedServiceUrls must hold absolute http(s) URLs, e.g. \"https://smba.trafficmanager.net/amer/\".")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITrustedServiceUrls, TrustedServiceUrls>();

        // Typed client: ConnectorClient is transient and gets a pooled handler. The per-attempt timeout is ours (with
        // TimeProvider), so HttpClient's own is off. Redirects are never followed: the bearer token must not travel to
        // a host that no channel token proved. ConnectorTransport logs every call itself (operation, status, retries), so
        // the factory's own request logging, a log scope and two more lines per reply, is removed.
        services.AddHttpClient<IConnectorClient, ConnectorClient>(HttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.MaxResponseContentBufferSize = 4 * 1024 * 1024;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .RemoveAllLoggers();

        return services;
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
