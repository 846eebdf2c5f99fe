using CareBot.Protocol.Auth;
using CareBot.Protocol.Connector;
using CareBot.Testing.Channel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;

namespace CareBot.Protocol.Tests.Connector;

/// <summary>
/// A fake channel plus a Connector client built the way the server builds it (AddBotFrameworkConnector), with a mocked
/// token provider and a recording clock. Test defaults: 5 s timeout, 10 ms base backoff, 3 retries.
/// </summary>
internal sealed class ConnectorHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ConnectorHarness(FakeChannel channel, ServiceProvider services, Mock<IConnectorTokenProvider> tokens, RecordingTimeProvider time, ListLoggerProvider logs)
    {
        Logs = logs;
        Channel = channel;
        _services = services;
        Tokens = tokens;
        Time = time;
        Client = services.GetRequiredService<IConnectorClient>();
        TrustedServiceUrls = services.GetRequiredService<ITrustedServiceUrls>();
    }

    public FakeChannel Channel { get; }

    public ListLoggerProvider Logs { get; }

    public IConnectorClient Client { get; }

    public ITrustedServiceUrls TrustedServiceUrls { get; }

    public Mock<IConnectorTokenProvider> Tokens { get; }

    public RecordingTimeProvider Time { get; }

    /// <param name="token">The bot's token (auth on), or null for auth off.</param>
    /// <param name="settings">Extra <c>Connector:*</c> settings, overriding the test defaults.</param>
    public static async Task<ConnectorHarness> StartAsync(string? token = null, IDictionary<string, string?>? settings = null)
    {
        var channel = await FakeChannel.StartAsync();
        var values = new Dictionary<string, string?>
        {
            ["Connector:Timeout"] = "00:00:05",
            ["Connector:BaseRetryDelay"] = "00:00:00.010",
            ["Connector:MaxRetries"] = "3",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var tokens = new Mock<IConnectorTokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync(token);
        var time = new RecordingTimeProvider();
        var logs = new ListLoggerProvider();

        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddSingleton<TimeProvider>(time)
            .AddSingleton(tokens.Object)
            .AddBotFrameworkConnector(configuration)
            .BuildServiceProvider(validateScopes: true);
        return new ConnectorHarness(channel, services, tokens, time, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
