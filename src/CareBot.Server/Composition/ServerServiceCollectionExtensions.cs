using CareBot.Server.Agents;

namespace CareBot.Server.Composition;

/// <summary>The server's own services: agent keys, start-up work and readiness.</summary>
public static class ServerServiceCollectionExtensions
{
    public static IServiceCollection AddCareBotServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentOptions>().Bind(configuration.GetSection(AgentOptions.SectionName));
        services.AddSingleton<AgentKeyAuthenticator>();
        services.AddSingleton<Readiness>();
        services.AddHostedService<TriageCuesHostedService>();
        services.AddHostedService<DialogScriptsHostedService>();

        // Keep last: it marks the server ready once every hosted service before it has started.
        services.AddHostedService<ReadinessHostedService>();
        return services;
    }
}
