using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Protocol.Connector;

/// <summary>
/// Wraps the Bot Framework Connector with a channel of CareBot's own (the built-in Direct Line channel, Meta): the
/// channel sends what is addressed to it and hands everything else to the Connector it wraps.
/// </summary>
public static class ConnectorClientDecoration
{
    /// <summary>
    /// Replaces the last <see cref="IConnectorClient"/> registration (a typed HttpClient, a singleton, ...) with
    /// <paramref name="decorate"/> around it, keeping its lifetime; false when there is none to wrap.
    /// </summary>
    public static bool TryDecorate(
        IServiceCollection services,
        Func<IServiceProvider, IConnectorClient, IConnectorClient> decorate,
        Type? decoratorType = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(decorate);
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
            return false;
        }

        var inner = services[index];
        services[index] = ServiceDescriptor.Describe(
            typeof(IConnectorClient),
            provider => decorate(provider, CreateInner(provider, inner)),
            inner.Lifetime);
        return true;
    }

    private static IConnectorClient CreateInner(IServiceProvider provider, ServiceDescriptor inner) =>
        (IConnectorClient)(inner.ImplementationInstance
            ?? inner.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, inner.ImplementationType!));
}
