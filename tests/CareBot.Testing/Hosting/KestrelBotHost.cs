using CareBot.Protocol.Auth;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Hosting;
using CareBot.Protocol.Turns;
using CareBot.Testing.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareBot.Testing.Hosting;

/// <summary>
/// A bot endpoint on a real Kestrel at <c>http://127.0.0.1:{free port}/api/messages</c>, for tests that need real HTTP
/// (request-size limits, chunked bodies, disconnects): <see cref="ProtocolServiceCollectionExtensions.AddCareBotProtocol"/>
/// with the given bot, a <see cref="RecordingConnectorClient"/> and a <see cref="FakeChannelAuthenticator"/> unless
/// <c>configureServices</c> registers others.
/// </summary>
public sealed class KestrelBotHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelBotHost(WebApplication app, Uri baseAddress, CollectingLoggerProvider logs)
    {
        Logs = logs;
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>A client whose base address is the server.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Everything the server logged.</summary>
    public CollectingLoggerProvider Logs { get; }

    public RecordingConnectorClient Connector => (RecordingConnectorClient)_app.Services.GetRequiredService<IConnectorClient>();

    public FakeChannelAuthenticator Authenticator => (FakeChannelAuthenticator)_app.Services.GetRequiredService<IChannelAuthenticator>();

    /// <summary>Starts the server; <paramref name="settings"/> are configuration keys such as <c>Bot:MaxRequestBodyBytes</c>.</summary>
    public static async Task<KestrelBotHost> StartAsync(
        IBot bot,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new CollectingLoggerProvider();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(logs);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddCareBotProtocol(builder.Configuration);
        builder.Services.AddSingleton(bot);
        builder.Services.AddSingleton<IConnectorClient, RecordingConnectorClient>();
        builder.Services.AddSingleton<IChannelAuthenticator, FakeChannelAuthenticator>();
        builder.Services.AddSingleton<ITrustedServiceUrls, RecordingTrustedServiceUrls>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapBotMessages();
        await app.StartAsync();
        return new KestrelBotHost(app, new Uri(app.Urls.First()), logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
