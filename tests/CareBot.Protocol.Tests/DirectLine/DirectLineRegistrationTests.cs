using CareBot.Protocol.Auth;
using CareBot.Protocol.Connector;
using CareBot.Protocol.DirectLine;
using CareBot.Protocol.Hosting;
using CareBot.Protocol.Schema;
using CareBot.Testing.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareBot.Protocol.Tests.DirectLine;

public sealed class DirectLineRegistrationTests
{
    private static readonly IConfiguration Configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["DirectLine:Secret"] = "s" })
        .Build();

    [Fact]
    public void The_channel_decorates_the_typed_Connector_client_and_keeps_its_lifetime()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConnectorTokenProvider, NoCredentialsTokenProvider>();
        services.AddBotFrameworkConnector(Configuration);
        var lifetime = services.Last(d => d.ServiceType == typeof(IConnectorClient)).Lifetime;

        services.AddDirectLineChannel(Configuration);
        services.AddDirectLineChannel(Configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(IConnectorClient));
        Assert.Equal(lifetime, services.Single(d => d.ServiceType == typeof(IConnectorClient)).Lifetime);
        Assert.IsType<DirectLineConnectorClient>(provider.GetRequiredService<IConnectorClient>());
    }

    [Fact]
    public void The_channel_registers_the_copying_of_channel_files_into_its_store_once()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConnectorTokenProvider, NoCredentialsTokenProvider>();
        services.AddBotFrameworkConnector(Configuration);

        services.AddDirectLineChannel(Configuration);
        services.AddDirectLineChannel(Configuration);
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        Assert.IsType<ChannelFilesMiddleware>(Assert.Single(scope.ServiceProvider.GetServices<CareBot.Protocol.Turns.ITurnMiddleware>()));
        Assert.False(provider.GetRequiredService<DirectLineFileCopies>().CanKeep); // no database here: nothing is kept
    }

    [Fact]
    public async Task Without_a_Connector_only_the_channel_is_reachable_and_other_service_urls_fail_clearly()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDirectLineChannel(Configuration);
        using var provider = services.BuildServiceProvider();
        var connector = provider.GetRequiredService<IConnectorClient>();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.SendToConversationAsync(
            "https://smba.trafficmanager.net/amer/", "c", new Activity { Type = ActivityTypes.Message }, CancellationToken.None));

        Assert.Contains("AddBotFrameworkConnector", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Connector_registered_after_the_channel_stops_the_start_with_a_clear_message()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DirectLine:Secret"] = "s" });
        builder.Services.AddCareBotProtocol(builder.Configuration);
        builder.Services.AddDirectLineChannel(builder.Configuration);
        builder.Services.AddSingleton<IConnectorClient, RecordingConnectorClient>();
        await using var app = builder.Build();
        app.UseRateLimiter();
        app.MapDirectLineChannel();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("call AddDirectLineChannel after AddBotFrameworkConnector", error.Message, StringComparison.Ordinal);
    }
}
