using CareBot.Protocol.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.Tests.Auth;

public sealed class BotFrameworkAuthenticationOptionsTests
{
    private const string AppId = "5c0d7d7e-2a55-4d3c-9f5e-0c1f3b6a9d21";
    private const string TenantId = "3e1b9c2a-7d4f-4a8e-b6c5-2f9d8e7a6b5c";

    [Fact]
    public void Credentials_bind_from_the_configuration_root_and_settings_from_the_section()
    {
        BotFrameworkAuthenticationOptions options = Resolve(new()
        {
            ["MicrosoftAppType"] = "singletenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "secret",
            ["MicrosoftAppTenantId"] = TenantId,
            ["BotFrameworkAuthentication:EmulatorTokensEnabled"] = "true",
            ["BotFrameworkAuthentication:ClockSkew"] = "00:02:00",
        }).GetRequiredService<IOptions<BotFrameworkAuthenticationOptions>>().Value;

        Assert.Equal(BotAppType.SingleTenant, options.MicrosoftAppType);
        Assert.Equal(AppId, options.MicrosoftAppId);
        Assert.Equal("secret", options.MicrosoftAppPassword);
        Assert.Equal(TenantId, options.MicrosoftAppTenantId);
        Assert.True(options.EmulatorTokensEnabled);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ClockSkew);
        Assert.True(options.IsAuthenticationEnabled);
    }

    [Fact]
    public void Defaults_are_the_public_cloud_protocol_values()
    {
        var options = new BotFrameworkAuthenticationOptions();

        Assert.False(options.IsAuthenticationEnabled);
        Assert.Equal(BotAppType.MultiTenant, options.MicrosoftAppType);
        Assert.False(options.EmulatorTokensEnabled);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ClockSkew);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.EffectiveChannelOpenIdMetadataUrl.ToString());
        Assert.Equal("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration", options.EffectiveEmulatorOpenIdMetadataUrl.ToString());
        Assert.Equal("https://api.botframework.com", options.ChannelTokenIssuer);
        Assert.Equal("urn:botframework:azure", options.CallerId);
        Assert.Equal("https://api.botframework.com/.default", options.EffectiveOAuthScope);
        Assert.Equal("https://login.microsoftonline.com/botframework.com", options.EffectiveTokenAuthority.ToString());
    }

    [Fact]
    public void Single_tenant_bots_get_tokens_from_their_own_tenant()
    {
        var options = new BotFrameworkAuthenticationOptions { MicrosoftAppType = BotAppType.SingleTenant, MicrosoftAppTenantId = TenantId };

        Assert.Equal($"https://login.microsoftonline.com/{TenantId}", options.EffectiveTokenAuthority.ToString());
    }

    [Fact]
    public void Us_government_cloud_switches_issuer_metadata_caller_id_scope_and_authority()
    {
        var options = new BotFrameworkAuthenticationOptions { UseUSGovernmentCloud = true };

        Assert.Equal("https://api.botframework.us", options.ChannelTokenIssuer);
        Assert.Equal("https://login.botframework.azure.us/v1/.well-known/openidconfiguration", options.EffectiveChannelOpenIdMetadataUrl.ToString());
        Assert.Equal("urn:botframework:azureusgov", options.CallerId);
        Assert.Equal("https://api.botframework.us/.default", options.EffectiveOAuthScope);
        Assert.Equal("https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us", options.EffectiveTokenAuthority.ToString());
    }

    [Theory]
    [InlineData("SingleTenant", AppId, "secret", null, "MicrosoftAppTenantId")]
    [InlineData("MultiTenant", AppId, null, null, "MicrosoftAppPassword is empty")]
    [InlineData("UserAssignedMSI", AppId, null, TenantId, "not supported")]
    [InlineData(null, null, "secret", null, "MicrosoftAppId is empty")]
    public void Incomplete_credentials_fail_with_a_message_naming_the_missing_key(
        string? appType, string? appId, string? password, string? tenantId, string expected)
    {
        using ServiceProvider services = Resolve(new()
        {
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppId"] = appId,
            ["MicrosoftAppPassword"] = password,
            ["MicrosoftAppTenantId"] = tenantId,
        });

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(
            () => services.GetRequiredService<IOptions<BotFrameworkAuthenticationOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_app_type_fails_with_the_accepted_values()
    {
        using ServiceProvider services = Resolve(new() { ["MicrosoftAppType"] = "Tenantless" });

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(
            () => services.GetRequiredService<IOptions<BotFrameworkAuthenticationOptions>>().Value);

        Assert.Contains("MultiTenant, SingleTenant or UserAssignedMSI", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BotFrameworkAuthentication:ChannelOpenIdMetadataUrl", "http://login.example.com/metadata")]
    [InlineData("BotFrameworkAuthentication:EmulatorOpenIdMetadataUrl", "http://login.example.com/metadata")]
    [InlineData("BotFrameworkAuthentication:TokenAuthority", "http://127.0.0.1:5000/tenant")]
    [InlineData("BotFrameworkAuthentication:ClockSkew", "02:00:00")]
    [InlineData("BotFrameworkAuthentication:SigningKeyRefreshInterval", "2.00:00:00")]
    public void Unsafe_or_out_of_range_settings_fail_validation(string key, string value)
    {
        using ServiceProvider services = Resolve(new() { [key] = value });

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(
            () => services.GetRequiredService<IOptions<BotFrameworkAuthenticationOptions>>().Value);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_metadata_on_loopback_is_allowed_for_tests()
    {
        using ServiceProvider services = Resolve(new() { ["BotFrameworkAuthentication:ChannelOpenIdMetadataUrl"] = "http://127.0.0.1:5000/metadata" });

        Assert.NotNull(services.GetRequiredService<IOptions<BotFrameworkAuthenticationOptions>>().Value);
    }

    [Fact]
    public async Task Host_refuses_to_start_with_invalid_credentials()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            Configuration = new ConfigurationManager(),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = AppId });
        builder.Services.AddBotFrameworkAuthentication(builder.Configuration);
        using IHost host = builder.Build();

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Fact]
    public void Without_app_id_outbound_requests_carry_no_token()
    {
        using ServiceProvider services = Resolve([]);

        Assert.IsType<NoCredentialsTokenProvider>(services.GetRequiredService<IConnectorTokenProvider>());
        Assert.IsType<ChannelTokenAuthenticator>(services.GetRequiredService<IChannelAuthenticator>());
    }

    [Fact]
    public void With_app_id_outbound_tokens_come_from_msal()
    {
        using ServiceProvider services = Resolve(new() { ["MicrosoftAppId"] = AppId, ["MicrosoftAppPassword"] = "secret" });

        Assert.IsType<MsalConnectorTokenProvider>(services.GetRequiredService<IConnectorTokenProvider>());
    }

    [Fact]
    public void A_registered_clock_is_kept_and_the_system_clock_is_the_fallback()
    {
        var manual = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(manual);
        services.AddBotFrameworkAuthentication(new ConfigurationBuilder().Build());

        Assert.Same(manual, services.BuildServiceProvider().GetRequiredService<TimeProvider>());
        Assert.Same(TimeProvider.System, Resolve([]).GetRequiredService<TimeProvider>());
    }

    [Theory]
    [InlineData(null, 1120, LogLevel.Warning)]
    [InlineData(AppId, 1121, LogLevel.Information)]
    public async Task Start_up_says_whether_authentication_is_on(string? appId, int eventId, LogLevel level)
    {
        var logs = new CollectingLoggerProvider();
        using ServiceProvider services = Resolve(new() { ["MicrosoftAppId"] = appId, ["MicrosoftAppPassword"] = appId is null ? null : "secret" }, logs);

        foreach (IHostedService hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        CollectingLoggerProvider.LogEntry entry = Assert.Single(logs.Entries, e => e.EventId.Id is 1120 or 1121);
        Assert.Equal(eventId, entry.EventId.Id);
        Assert.Equal(level, entry.Level);
    }

    private static ServiceProvider Resolve(Dictionary<string, string?> settings, CollectingLoggerProvider? logs = null)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddBotFrameworkAuthentication(configuration);
        return services.BuildServiceProvider();
    }
}
