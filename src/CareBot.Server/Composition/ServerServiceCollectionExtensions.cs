using CareBot.Server.Agents;
using CareBot.Server.Endpoints;

namespace CareBot.Server.Composition;

/// <summary>The server's own services: agent keys, start-up work and readiness.</summary>
public static class ServerServiceCollectionExtensions
{
    public static IServiceCollection AddCareBotServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentOptions>().Bind(configuration.GetSection(AgentOptions.SectionName));
        services.AddSingleton<AgentKeyAuthenticator>();
        services.AddOptions<CaseFeedOptions>().Bind(configuration.GetSection(CaseFeedOptions.SectionName))
            .Validate(o => o.KeepAliveInterval > TimeSpan.Zero, "CaseFeed:KeepAliveInterval must be positive, e.g. 00:00:15.").ValidateOnStart();
        services.AddSingleton<Readiness>();
        services.AddHostedService<TriageCuesHostedService>();
        services.AddHostedService<DialogScriptsHostedService>();
        services.AddHostedService<OutboxWorkerHostedService>();

        // Keep last: it marks the server ready once every hosted service before it has started.
        services.AddHostedService<ReadinessHostedService>();
        return services;
    }
}
