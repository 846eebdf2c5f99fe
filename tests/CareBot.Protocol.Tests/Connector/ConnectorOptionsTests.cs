using CareBot.Protocol.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.Tests.Connector;

public sealed class ConnectorOptionsTests
{
    [Fact]
    public void Without_configuration_the_documented_defaults_apply()
    {
        var options = Resolve([]);

        Assert.Equal(TimeSpan.FromSeconds(15), options.Timeout);
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.BaseRetryDelay);
        Assert.Empty(options.AllowedServiceUrls);
        Assert.True(options.KeepFiles);
        Assert.Equal(TimeSpan.FromSeconds(5), options.FileTimeout);
    }

    [Fact]
    public void The_Connector_section_is_bound()
    {
        var options = Resolve(new Dictionary<string, string?>
        {
            ["Connector:Timeout"] = "00:00:05",
            ["Connector:MaxRetries"] = "1",
            ["Connector:AllowedServiceUrls:0"] = "https://smba.trafficmanager.net/amer/",
        });

        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Equal(1, options.MaxRetries);
        Assert.Equal(["https://smba.trafficmanager.net/amer/"], options.AllowedServiceUrls);
    }

    [Theory]
    [InlineData("Connector:MaxRetries", "-1")]
    [InlineData("Connector:Timeout", "00:00:00")]
    [InlineData("Connector:AllowedServiceUrls:0", "smba.trafficmanager.net/amer")]
    [InlineData("Connector:FileTimeout", "00:00:00")]
    [InlineData("Connector:FileTimeout", "00:00:30")]   // longer than a channel waits for the bot
    public void Invalid_settings_are_refused_with_a_message_naming_the_key(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }

    private static ConnectorOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddBotFrameworkConnector(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<ConnectorOptions>>().Value;
    }
}
