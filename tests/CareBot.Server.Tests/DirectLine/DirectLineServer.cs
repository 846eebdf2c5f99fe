using CareBot.Testing.Repository;
using CareBot.Protocol.Auth;
using CareBot.Protocol.Connector;
using CareBot.Protocol.DirectLine;
using CareBot.Protocol.Hosting;
using CareBot.Protocol.Turns;
using CareBot.Testing.Hosting;
using CareBot.Testing.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace CareBot.Server.Tests.DirectLine;

/// <summary>
/// The server's Direct Line channel and chat page on a real Kestrel (127.0.0.1, free port), with a test bot in place of
/// the care bot: the protocol pipeline, <c>AddDirectLineChannel</c>/<c>MapDirectLineChannel</c> as CareBotHost wires
/// them, and the page from <c>src/CareBot.Server/wwwroot</c>.
/// </summary>
internal sealed class DirectLineServer : IAsyncDisposable
{
    public const string Secret = "directlinejs-test-secret";

    private readonly WebApplication _app;

    private DirectLineServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IConnectorClient Connector => _app.Services.GetRequiredService<IConnectorClient>();

    public static async Task<DirectLineServer> StartAsync(IBot bot, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var webRoot = Path.Combine(RepositoryRoot.Path, "src", "CareBot.Server", "wwwroot");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { WebRootPath = webRoot });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DirectLine:Secret"] = Secret });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Services.AddCareBotProtocol(builder.Configuration);
        builder.Services.AddSingleton(bot);
        builder.Services.AddSingleton<IConnectorClient, RecordingConnectorClient>();
        builder.Services.AddSingleton<IChannelAuthenticator, FakeChannelAuthenticator>();
        builder.Services.AddSingleton<ITrustedServiceUrls, RecordingTrustedServiceUrls>();
        builder.Services.AddDirectLineChannel(builder.Configuration);

        var app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(webRoot) });
        app.MapBotMessages();
        app.UseRateLimiter();
        app.MapDirectLineChannel();
        await app.StartAsync();
        return new DirectLineServer(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
