using CareBot.Care.Cases;
using CareBot.Dialogs.Loading;
using CareBot.Testing.Repository;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Care.Tests.Cases;

/// <summary>
/// The SLA clock the host registers counts the brand's open time: the hours saved by an admin when there are some, else
/// the root dialog's <c>business_hours:</c> (care.yaml: Monday to Friday, 08:00 to 18:00 UTC).
/// </summary>
public sealed class BrandSlaClockTests
{
    private static readonly DateTimeOffset FridayNight = new(2026, 11, 27, 21, 0, 0, TimeSpan.Zero);

    private static async Task<SlaClock> ClockAsync(Dictionary<string, string?> settings)
    {
        var registry = new ScriptRegistry();
        await registry.LoadFolderAsync(RepositoryRoot.Combine("dialogs"), CancellationToken.None);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(registry);
        services.AddCareBot(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider().GetRequiredService<SlaClock>();
    }

    [Fact]
    public async Task Without_saved_hours_the_root_dialog_s_hours_count()
    {
        var clock = await ClockAsync([]);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero), clock.Due(FridayNight, TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public async Task The_admin_s_hours_win_over_the_dialog_s()
    {
        var clock = await ClockAsync(new()
        {
            ["CareBot:BusinessHours:TimeZone"] = "UTC",
            ["CareBot:BusinessHours:Days"] = "sat,sun",
            ["CareBot:BusinessHours:From"] = "10:00",
            ["CareBot:BusinessHours:To"] = "16:00",
        });

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 15, 0, TimeSpan.Zero), clock.Due(FridayNight, TimeSpan.FromMinutes(15)));
    }
}
