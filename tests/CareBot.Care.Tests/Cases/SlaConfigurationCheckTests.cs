using CareBot.Care.Cases;
using Microsoft.Extensions.Configuration;

namespace CareBot.Care.Tests.Cases;

public sealed class SlaConfigurationCheckTests
{
    [Fact]
    public void Targets_per_priority_in_any_letter_case_pass()
    {
        var result = Check(new()
        {
            ["Cases:Sla:High:FirstResponse"] = "01:00:00",
            ["Cases:Sla:urgent:resolution"] = "04:00:00",
        });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void No_sla_section_passes()
    {
        Assert.True(Check([]).Succeeded);
    }

    [Theory]
    [InlineData("Cases:Sla:High", "soon", "Cases:Sla:High: 'soon' is not a target")]
    [InlineData("Cases:Sla:Hihg:FirstResponse", "01:00:00", "Cases:Sla:Hihg: not a priority")]
    [InlineData("Cases:Sla:7:FirstResponse", "01:00:00", "Cases:Sla:7: not a priority")]
    [InlineData("Cases:Sla:High:FirstRespons", "01:00:00", "Cases:Sla:High:FirstRespons: unknown SLA target")]
    public void A_setting_the_binder_would_skip_is_named(string key, string value, string expected)
    {
        var result = Check(new() { [key] = value });

        Assert.True(result.Failed);
        Assert.StartsWith(expected, Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Check(Dictionary<string, string?> settings) =>
        new SlaConfigurationCheck(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).Validate(null, new CaseOptions());
}
