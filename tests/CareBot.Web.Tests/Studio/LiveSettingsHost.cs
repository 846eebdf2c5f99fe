using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Settings;
using CareBot.Care.Studio;
using CareBot.Web.Hosting;
using CareBot.Web.Studio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Web.Tests.Studio;

/// <summary>
/// One "instance" for live-settings tests: a configuration with appsettings-like values and the live source on top, the
/// cases' options with their start-up validators, and the settings service over a store instances may share.
/// </summary>
internal sealed class LiveSettingsHost : IDisposable
{
    private readonly ServiceProvider provider;

    public LiveSettingsHost(ILiveSettingsStore store, InMemoryStudioStore? audit = null, IDictionary<string, string?>? appsettings = null)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(appsettings ?? new Dictionary<string, string?> { ["Cases:Sla:High:FirstResponse"] = "01:00:00", ["Cases:Sla:High:Resolution"] = "08:00:00" });
        var source = new LiveSettingsConfiguration();
        ((IConfigurationBuilder)configuration).Add(source);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(store);
        services.AddSingleton<IStudioStore>(audit ?? new InMemoryStudioStore());
        services.AddCareBotCases(configuration);
        services.AddOptions<CareBotOptions>().Bind(configuration.GetSection(CareBotOptions.SectionName));
        services.AddOptions<CareBot.Care.Cases.Notifications.NotificationOptions>().Bind(configuration.GetSection(CareBot.Care.Cases.Notifications.NotificationOptions.SectionName));
        services.AddOptions<CareBot.Web.Console.ConsoleOptions>().Bind(configuration.GetSection(CareBot.Web.Console.ConsoleOptions.SectionName));
        services.AddCareBotLiveSettings(source, configuration);
        provider = services.BuildServiceProvider();
    }

    public LiveSettings Settings => provider.GetRequiredService<LiveSettings>();

    public T Get<T>()
        where T : notnull => provider.GetRequiredService<T>();

    public void Dispose() => provider.Dispose();
}
