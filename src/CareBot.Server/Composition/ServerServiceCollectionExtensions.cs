namespace CareBot.Server.Composition;

/// <summary>The server's own services: start-up work and readiness.</summary>
public static class ServerServiceCollectionExtensions
{
    public static IServiceCollection AddCareBotServer(this IServiceCollection services)
    {
        services.AddSingleton<Readiness>();
        services.AddHostedService<TriageCuesHostedService>();
        services.AddHostedService<DialogScriptsHostedService>();

        // Keep last: it marks the server ready once every hosted service before it has started.
        services.AddHostedService<ReadinessHostedService>();
        return services;
    }
}
