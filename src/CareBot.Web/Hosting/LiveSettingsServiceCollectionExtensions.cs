using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Settings;
using CareBot.Web.Studio;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CareBot.Web.Hosting;

/// <summary>Settings admins change without a restart (called by <see cref="WebServiceCollectionExtensions.AddCareBotWeb(WebApplicationBuilder)"/>).</summary>
public static class LiveSettingsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the saved settings as the last configuration source (they win over appsettings.json, environment and command
    /// line) and registers <see cref="LiveSettings"/> with its poller.
    /// <code>
    /// "LiveSettings": { "PollInterval": "00:00:05" }
    /// </code>
    /// </summary>
    public static WebApplicationBuilder AddCareBotLiveSettings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var source = new LiveSettingsConfiguration();
        ((IConfigurationBuilder)builder.Configuration).Add(source);
        builder.Services.AddCareBotLiveSettings(source, builder.Configuration);
        return builder;
    }

    /// <summary>The services alone, over a <paramref name="source"/> the host added to its configuration.</summary>
    public static IServiceCollection AddCareBotLiveSettings(this IServiceCollection services, LiveSettingsConfiguration source, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(source);
        services.TryAddSingleton<ILiveSettingsStore, InMemoryLiveSettingsStore>(); // the storage project registers the durable one
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LiveSettingsOptions>().Bind(configuration.GetSection(LiveSettingsOptions.SectionName))
            .Validate(o => o.PollInterval > TimeSpan.Zero, "LiveSettings:PollInterval must be positive, e.g. 00:00:05.")
            .ValidateOnStart();
        services.TryAddSingleton<CareBot.Web.Console.CannedResponseCatalog>();
        services.TryAddSingleton<LiveSettings>();
        services.TryAddSingleton<AccountSettings>();

        // The live sections' IOptions read the monitor on each use (a closed registration wins over the open generic).
        services.AddSingleton<IOptions<CaseOptions>>(sp => new LiveOptions<CaseOptions>(sp.GetRequiredService<IOptionsMonitor<CaseOptions>>()));
        services.AddSingleton<IOptions<CareBotOptions>>(sp => new LiveOptions<CareBotOptions>(sp.GetRequiredService<IOptionsMonitor<CareBotOptions>>()));
        services.AddSingleton<IOptions<CareBot.Care.Cases.Notifications.NotificationOptions>>(sp =>
            new LiveOptions<CareBot.Care.Cases.Notifications.NotificationOptions>(sp.GetRequiredService<IOptionsMonitor<CareBot.Care.Cases.Notifications.NotificationOptions>>()));
        services.AddHostedService<LiveSettingsRefresher>();
        return services;
    }
}
