using CareBot.Care.Bot;
using CareBot.Care.Delivery;
using CareBot.Care.Stores;
using CareBot.Meta.Delivery;
using CareBot.Meta.Graph;
using CareBot.Meta.Inbound;
using CareBot.Protocol.Connector;
using CareBot.Protocol.DirectLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Meta.Hosting;

/// <summary>The Meta channel's one DI entry point.</summary>
public static class MetaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Meta channel (section <c>Meta</c>, see <see cref="MetaOptions"/>): the webhook's services, the Graph
    /// API client, the handler that runs stored events as care turns, and a decorator of the already registered
    /// <see cref="IConnectorClient"/> that sends to Meta addresses. Call after the Bot Framework Connector and before
    /// the Direct Line channel (which decorates whatever is registered then, and checks it is last).
    /// </summary>
    public static IServiceCollection AddCareBotMeta(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MetaOptions>().Bind(configuration.GetSection(MetaOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetaOptions>, MetaOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new MetaRateGate(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new MetaLedger(sp.GetRequiredService<IStateStore>()));
        services.AddSingleton<MetaEmailRoute>();
        services.AddHostedService<MetaLedgerSweeper>();
        services.AddHttpClient<MetaGraphClient>(client => client.Timeout = Timeout.InfiniteTimeSpan); // per call: Meta:RequestTimeout
        // Files are fetched with redirects followed by hand, so that each hop is checked against Meta:FileHosts.
        services.TryAddSingleton<DirectLineFileCopies>();
        services.AddHttpClient<MetaFileCopies>(client => client.Timeout = Timeout.InfiniteTimeSpan) // per message: Meta:FileTimeout
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddScoped<IChannelInbox, MetaInbox>();
        // A Private Reply is one message until the customer answers: the opening replies go out joined.
        services.PostConfigure<CareBotOptions>(o =>
        {
            o.ChannelsWithOneOpeningMessage.Add(MetaAddress.ChannelIdOf(MetaPlatform.Facebook));
            o.ChannelsWithOneOpeningMessage.Add(MetaAddress.ChannelIdOf(MetaPlatform.Instagram));
        });
        DecorateConnectorClient(services);
        return services;
    }

    // Wraps the Connector so replies to Facebook and Instagram conversations go to the Graph API (as Direct Line does).
    private static void DecorateConnectorClient(IServiceCollection services)
    {
        if (!ConnectorClientDecoration.TryDecorate(services, (provider, inner) => new MetaConnectorClient(
                inner,
                provider.GetRequiredService<MetaGraphClient>(),
                provider.GetRequiredService<MetaLedger>(),
                provider.GetRequiredService<IOutboxStore>(),
                provider.GetRequiredService<MetaEmailRoute>(),
                provider.GetRequiredService<IOptions<MetaOptions>>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<MetaConnectorClient>>())))
        {
            throw new InvalidOperationException("AddCareBotMeta decorates the Bot Framework Connector: call it after AddCareBotProtocol.");
        }
    }
}
