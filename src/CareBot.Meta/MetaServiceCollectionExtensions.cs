using CareBot.Care.Delivery;
using CareBot.Care.Stores;
using CareBot.Meta.Delivery;
using CareBot.Meta.Graph;
using CareBot.Meta.Inbound;
using CareBot.Protocol.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Meta;

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
        services.AddHttpClient<MetaGraphClient>(client => client.Timeout = Timeout.InfiniteTimeSpan); // per call: Meta:RequestTimeout
        services.AddScoped<IChannelInbox, MetaInbox>();
        DecorateConnectorClient(services);
        return services;
    }

    // Wraps the last IConnectorClient registration, keeping its lifetime (as the Direct Line channel does).
    private static void DecorateConnectorClient(IServiceCollection services)
    {
        var index = -1;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IConnectorClient) && !services[i].IsKeyedService)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            throw new InvalidOperationException("AddCareBotMeta decorates the Bot Framework Connector: call it after AddCareBotProtocol.");
        }

        var inner = services[index];
        services[index] = ServiceDescriptor.Describe(
            typeof(IConnectorClient),
            provider => new MetaConnectorClient(
                Create(provider, inner),
                provider.GetRequiredService<MetaGraphClient>(),
                provider.GetRequiredService<MetaLedger>(),
                provider.GetRequiredService<IOutboxStore>(),
                provider.GetRequiredService<MetaEmailRoute>(),
                provider.GetRequiredService<IOptions<MetaOptions>>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<MetaConnectorClient>>()),
            inner.Lifetime);
    }

    private static IConnectorClient Create(IServiceProvider provider, ServiceDescriptor inner) =>
        (IConnectorClient)(inner.ImplementationInstance
            ?? inner.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, inner.ImplementationType!));
}
