using CareBot.Protocol.Connector;
using CareBot.Protocol.Hosting;
using CareBot.Protocol.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareBot.Protocol.DirectLine;

/// <summary>DI registration of the built-in Direct Line 3.0 channel.</summary>
public static class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in Direct Line channel: its options, in-memory state, the WebSocket middleware (through a
    /// startup filter) and a decorator of the already registered <see cref="IConnectorClient"/> that serves calls to the
    /// channel's serviceUrl in-process. The channel is also an <see cref="IReservedConversations"/>, so
    /// <c>POST /api/messages</c> refuses activities for its conversations. Call it after the Connector registration
    /// (<c>AddBotFrameworkConnector</c>).
    /// Map the routes with <see cref="DirectLineEndpointRouteBuilderExtensions.MapDirectLineChannel"/>.
    /// </summary>
    /// <remarks>
    /// Configuration (every key optional; the defaults are shown):
    /// <code>
    /// "DirectLine": {
    ///   "Secret": null,                      // none: a development secret is generated, loopback clients only
    ///   "TokenLifetime": "00:30:00",
    ///   "ServiceUrl": "https://directline.carebot.invalid/",
    ///   "BotId": "carebot", "BotName": "CareBot",
    ///   "MaxActivityBytes": 262144, "MaxActivitiesPerPage": 100,
    ///   "StreamQueueLength": 256, "StreamSendTimeout": "00:00:10", "StreamKeepAliveInterval": "00:00:15",
    ///   "TokenRequestsPerClient": 30, "TokenRequestWindow": "00:01:00",
    ///   "ConversationIdleTimeout": "01:00:00", "LastActiveWriteInterval": "00:00:30", "MaxConversations": 1000,
    ///   "MaxHistoryActivities": 500, "MaxHistoryBytes": 262144, "MaxPageBytes": 1048576,
    ///   "MaxStreamsPerConversation": 4,
    ///   "MaxUploadBytes": 10485760, "MaxUploadFiles": 5, "MaxConcurrentUploads": 8, "MaxUploadsPerConversation": 20,
    ///   "MaxUploadStorageBytes": 1073741824, "UploadRetention": "30.00:00:00",
    ///   "UploadsPerClient": 10, "UploadWindow": "00:10:00"
    /// }
    /// </code>
    /// The token routes and uploads are rate limited by the policies of <see cref="DirectLineRateLimiting"/>: the host calls
    /// <c>app.UseRateLimiter()</c>.
    /// </remarks>
    public static IServiceCollection AddDirectLineChannel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DirectLineOptions>()
            .Bind(configuration.GetSection(DirectLineOptions.SectionName))
            .Validate(o => o.TokenLifetime >= TimeSpan.FromMinutes(1), "DirectLine:TokenLifetime must be at least one minute, e.g. \"00:30:00\".")
            .Validate(o => Uri.TryCreate(o.ServiceUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
                "DirectLine:ServiceUrl must be an absolute http(s) URL, e.g. \"https://directline.carebot.invalid/\".")
            .Validate(o => !string.IsNullOrWhiteSpace(o.BotId), "DirectLine:BotId must not be empty.")
            .Validate(o => o.MaxActivityBytes > 0, "DirectLine:MaxActivityBytes must be positive.")
            .Validate(o => o.MaxActivitiesPerPage > 0, "DirectLine:MaxActivitiesPerPage must be positive.")
            .Validate(o => o.StreamQueueLength > 0, "DirectLine:StreamQueueLength must be positive.")
            .Validate(o => o.StreamSendTimeout > TimeSpan.Zero, "DirectLine:StreamSendTimeout must be positive.")
            .Validate(o => o.StreamKeepAliveInterval > TimeSpan.Zero, "DirectLine:StreamKeepAliveInterval must be positive.")
            .Validate(o => o.TokenRequestsPerClient > 0, "DirectLine:TokenRequestsPerClient must be positive, e.g. 30.")
            .Validate(o => o.TokenRequestWindow >= TimeSpan.FromSeconds(1), "DirectLine:TokenRequestWindow must be at least one second, e.g. \"00:01:00\".")
            .Validate(o => o.ConversationIdleTimeout >= o.TokenLifetime,
                "DirectLine:ConversationIdleTimeout must be at least DirectLine:TokenLifetime, so a valid token never names a forgotten conversation.")
            .Validate(o => o.LastActiveWriteInterval >= TimeSpan.Zero && o.LastActiveWriteInterval < o.ConversationIdleTimeout,
                "DirectLine:LastActiveWriteInterval must be zero or more and less than DirectLine:ConversationIdleTimeout, e.g. \"00:00:30\".")
            .Validate(o => o.MaxConversations > 0, "DirectLine:MaxConversations must be positive, e.g. 1000.")
            .Validate(o => o.MaxHistoryActivities > 0, "DirectLine:MaxHistoryActivities must be positive, e.g. 500.")
            .Validate(o => o.MaxHistoryBytes > 0, "DirectLine:MaxHistoryBytes must be positive, e.g. 262144.")
            .Validate(o => o.MaxPageBytes > 0, "DirectLine:MaxPageBytes must be positive, e.g. 1048576.")
            .Validate(o => o.MaxStreamsPerConversation > 0, "DirectLine:MaxStreamsPerConversation must be positive, e.g. 4.")
            .Validate(o => o.MaxUploadBytes > 0, "DirectLine:MaxUploadBytes must be positive, e.g. 10485760.")
            .Validate(o => o.MaxUploadFiles > 0, "DirectLine:MaxUploadFiles must be positive, e.g. 5.")
            .Validate(o => o.MaxConcurrentUploads > 0, "DirectLine:MaxConcurrentUploads must be positive, e.g. 8.")
            .Validate(o => o.MaxUploadsPerConversation >= o.MaxUploadFiles,
                "DirectLine:MaxUploadsPerConversation must be at least DirectLine:MaxUploadFiles, e.g. 20.")
            .Validate(o => o.MaxUploadStorageBytes >= o.MaxUploadBytes,
                "DirectLine:MaxUploadStorageBytes must be at least DirectLine:MaxUploadBytes, e.g. 1073741824.")
            .Validate(o => o.UploadRetention >= TimeSpan.FromHours(1), "DirectLine:UploadRetention must be at least one hour, e.g. \"30.00:00:00\".")
            .Validate(o => o.UploadsPerClient > 0, "DirectLine:UploadsPerClient must be positive, e.g. 10.")
            .Validate(o => o.UploadWindow >= TimeSpan.FromSeconds(1), "DirectLine:UploadWindow must be at least one second, e.g. \"00:10:00\".")
            .ValidateOnStart();

        if (!services.Any(d => d.ServiceType == typeof(DirectLineChannel)))
        {
            // Once only: a second policy of the same name would throw.
            services.AddRateLimiter(limiter => limiter
                .AddPolicy<string, DirectLineTokenRateLimitPolicy>(DirectLineRateLimiting.PolicyName)
                .AddPolicy<string, DirectLineUploadRateLimitPolicy>(DirectLineRateLimiting.UploadPolicyName));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DirectLineTokens>();
        services.TryAddSingleton<InMemoryDirectLineStore>();
        services.TryAddSingleton<IDirectLineStore>(provider => provider.GetRequiredService<InMemoryDirectLineStore>()); // PostgreSQL replaces it
        services.TryAddSingleton<DirectLineChannel>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReservedConversations, DirectLineChannel>(
            provider => provider.GetRequiredService<DirectLineChannel>()));
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, WebSocketsStartupFilter>());

        // Files a customer sent on a channel that serves them only to the bot's token (Teams) are copied into this
        // channel's file store before the bot reads the message, so the case links a copy an agent can open.
        services.TryAddSingleton<DirectLineFileCopies>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ITurnMiddleware, ChannelFilesMiddleware>());
        DecorateConnectorClient(services);
        return services;
    }

    // Wraps the Connector so replies to the built-in channel's conversations stay here.
    private static void DecorateConnectorClient(IServiceCollection services)
    {
        if (!ConnectorClientDecoration.TryDecorate(services, (provider, inner) => new DirectLineConnectorClient(inner, provider.GetRequiredService<DirectLineChannel>())))
        {
            // Direct Line only (no Connector yet): other serviceUrls get a clear error. The start-up check below catches
            // a Connector registered after this call, which would otherwise silently bypass the channel.
            services.AddSingleton<IConnectorClient>(provider => new DirectLineConnectorClient(
                new UnavailableConnectorClient(), provider.GetRequiredService<DirectLineChannel>()));
        }
    }

    private sealed class WebSocketsStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            IConnectorClient? connector = null;
            try
            {
                connector = app.ApplicationServices.GetService<IConnectorClient>();
            }
            catch (InvalidOperationException)
            {
                // A dependency of the Connector is missing: that fails loudly on first use, not here.
            }

            if (connector is not null and not DirectLineConnectorClient)
            {
                throw new InvalidOperationException(
                    "An IConnectorClient was registered after AddDirectLineChannel, so the bot's replies would bypass the built-in Direct Line channel: call AddDirectLineChannel after AddBotFrameworkConnector.");
            }

            app.UseWebSockets();
            next(app);
        };
    }
}
