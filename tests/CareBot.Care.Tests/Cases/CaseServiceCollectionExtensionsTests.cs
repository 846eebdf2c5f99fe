using CareBot.Care.Cases;
using CareBot.Care.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using CareBot.Dialogs.Model;

namespace CareBot.Care.Tests.Cases;

public sealed class CaseServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Mock.Of<ICaseStore>());
        services.AddCareBotCases(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_sla_table_binds_from_configuration_by_priority_name()
    {
        using var provider = Build(new() { ["Cases:Sla:Urgent:FirstResponse"] = "00:05:00", ["Cases:Sla:Urgent:Resolution"] = "01:00:00" });

        var options = provider.GetRequiredService<IOptions<CaseOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(5), options.TargetFor(Priority.Urgent).FirstResponse);
        Assert.Equal(TimeSpan.FromHours(4), options.TargetFor(Priority.Normal).FirstResponse);
        Assert.NotNull(provider.GetRequiredService<CaseFactory>());
    }

    [Fact]
    public void A_first_response_later_than_the_resolution_is_refused_with_a_hint()
    {
        using var provider = Build(new() { ["Cases:Sla:Low:FirstResponse"] = "10:00:00", ["Cases:Sla:Low:Resolution"] = "01:00:00" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CaseOptions>>().Value);

        Assert.Contains("Cases:Sla", error.Message, StringComparison.Ordinal);
    }
}
