using System.Net;
using System.Text;
using CareBot.Protocol.Hosting;
using CareBot.Protocol.Middleware;
using CareBot.Protocol.Transcripts;
using CareBot.Protocol.Turns;
using CareBot.Testing.Hosting;
using CareBot.Testing.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;

namespace CareBot.Protocol.Tests.Hosting;

public sealed class BotEndpointConfigurationTests
{
    private static IConfiguration Configuration(Dictionary<string, string?>? settings = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();

    [Fact]
    public async Task The_body_limit_comes_from_configuration()
    {
        await using var host = await KestrelBotHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?> { ["Bot:MaxRequestBodyBytes"] = "1024" });
        var body = "{\"type\":\"message\",\"text\":\"" + new string('x', 2000) + "\"}";

        using var response = await host.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public void Defaults_are_256_KB_and_a_10_second_duplicate_wait()
    {
        using var provider = new ServiceCollection().AddLogging().AddCareBotProtocol(Configuration()).BuildServiceProvider();

        Assert.Equal(262144, provider.GetRequiredService<IOptions<BotEndpointOptions>>().Value.MaxRequestBodyBytes);
        Assert.Equal(TimeSpan.FromSeconds(10), provider.GetRequiredService<IOptions<DeduplicationOptions>>().Value.WaitTimeout);
    }

    [Fact]
    public void Deduplication_settings_bind_from_their_section()
    {
        using var provider = new ServiceCollection().AddLogging()
            .AddCareBotProtocol(Configuration(new() { ["Bot:Deduplication:WaitTimeout"] = "00:00:03", ["Bot:Deduplication:MaxEntries"] = "50" }))
            .BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<DeduplicationOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(3), options.WaitTimeout);
        Assert.Equal(50, options.MaxEntries);
    }

    [Fact]
    public void An_invalid_limit_is_refused_with_a_message_naming_the_key()
    {
        using var provider = new ServiceCollection().AddLogging()
            .AddCareBotProtocol(Configuration(new() { ["Bot:MaxRequestBodyBytes"] = "0" }))
            .BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BotEndpointOptions>>().Value);
        Assert.Contains("Bot:MaxRequestBodyBytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Durable_stores_win_whether_registered_before_or_after()
    {
        var durableOutcomes = Mock.Of<IActivityOutcomeStore>();

        var before = new ServiceCollection()
            .AddSingleton(durableOutcomes)
            .AddLogging().AddCareBotProtocol(Configuration());
        var after = new ServiceCollection()
            .AddLogging().AddCareBotProtocol(Configuration())
            .AddSingleton(durableOutcomes);

        foreach (var services in new[] { before, after })
        {
            using var provider = services.BuildServiceProvider();
            Assert.Same(durableOutcomes, provider.GetRequiredService<IActivityOutcomeStore>());
        }
    }

    [Fact]
    public void No_transcript_middleware_is_registered_because_nothing_reads_its_copy_and_calling_it_twice_is_harmless()
    {
        var services = new ServiceCollection().AddLogging()
            .AddCareBotProtocol(Configuration())
            .AddCareBotProtocol(Configuration());
        services.AddSingleton<IBot>(DelegateBot.Echo());
        services.AddSingleton(Mock.Of<CareBot.Protocol.Connector.IConnectorClient>());

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();

        Assert.Empty(scope.ServiceProvider.GetServices<ITurnMiddleware>());
        Assert.Null(scope.ServiceProvider.GetService<ITranscriptStore>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<BotTurnProcessor>());
    }
}
