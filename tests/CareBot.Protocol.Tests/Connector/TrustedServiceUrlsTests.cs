using CareBot.Protocol.Connector;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.Tests.Connector;

public sealed class TrustedServiceUrlsTests
{
    [Fact]
    public void A_proven_url_is_trusted_whatever_its_case_and_trailing_slash()
    {
        var trusted = Create();

        trusted.Trust("https://smba.trafficmanager.net/amer/");

        Assert.True(trusted.IsTrusted("https://SMBA.trafficmanager.net/amer"));
        Assert.True(trusted.IsTrusted("https://smba.trafficmanager.net:443/amer/"));
        Assert.True(trusted.IsTrusted("https://smba.trafficmanager.net/amer/"));
        Assert.False(trusted.IsTrusted("https://smba.trafficmanager.net/emea/"));
        Assert.False(trusted.IsTrusted("https://smba.trafficmanager.net.evil.example/amer/"));
    }

    [Fact]
    public void An_allow_listed_url_is_trusted_without_being_proven()
    {
        var trusted = Create(options => options.AllowedServiceUrls.Add("https://smba.trafficmanager.net/teams"));

        Assert.True(trusted.IsTrusted("https://smba.trafficmanager.net/teams/"));
        Assert.False(trusted.IsTrusted("https://smba.trafficmanager.net/"));
    }

    [Fact]
    public void Beyond_its_capacity_the_oldest_proven_url_is_forgotten()
    {
        var trusted = Create(options => options.MaxTrustedServiceUrls = 2);

        trusted.Trust("https://one.example/");
        trusted.Trust("https://two.example/");
        trusted.Trust("https://one.example");
        trusted.Trust("https://three.example/");

        Assert.False(trusted.IsTrusted("https://one.example/"));
        Assert.True(trusted.IsTrusted("https://two.example/"));
        Assert.True(trusted.IsTrusted("https://three.example/"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_url_is_never_trusted(string serviceUrl) => Assert.False(Create().IsTrusted(serviceUrl));

    private static TrustedServiceUrls Create(Action<ConnectorOptions>? configure = null)
    {
        var options = new ConnectorOptions();
        configure?.Invoke(options);
        return new TrustedServiceUrls(Options.Create(options));
    }
}
