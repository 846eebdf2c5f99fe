using CareBot.Protocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using CareBot.Testing.Repository;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using System.Net.Http.Headers;
using System.Text;

namespace CareBot.Server.Tests.Hosting;

/// <summary>
/// The real server (CareBotHost, real Kestrel on 127.0.0.1, real SQLite file, the shipped dialogs) for end-to-end tests.
/// Several servers may share one database file to simulate a restart.
/// </summary>
public sealed class CareBotTestServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private CareBotTestServer(WebApplication app, Uri baseAddress, string databasePath)
    {
        this.app = app;
        BaseAddress = baseAddress;
        DatabasePath = databasePath;
        MailPickupFolder = MailPickupFolderFor(databasePath);
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public string DatabasePath { get; }

    public HttpClient Client { get; }

    /// <summary>Where emails go as .eml files unless the test configured Smtp:Host (next to the database, never in the repository).</summary>
    public string MailPickupFolder { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>A fresh temporary database file path (the folder is removed by the OS's tmp cleaning, not by us).</summary>
    public static string NewDatabasePath() =>
        Path.Combine(Path.GetTempPath(), "carebot-server-tests", Guid.NewGuid().ToString("N"), "carebot.db");

    private static string MailPickupFolderFor(string databasePath) => Path.Combine(Path.GetDirectoryName(databasePath)!, "mail-pickup");

    public static async Task<CareBotTestServer> StartAsync(
        string? databasePath = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        databasePath ??= NewDatabasePath();
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--Storage:SqlitePath={databasePath}",
            $"--CareBot:DialogsPath={RepositoryRoot.Combine("dialogs")}",
            $"--Triage:CuesPath={RepositoryRoot.Combine("dialogs", "settings", "triage.yaml")}",
            // Each server would load MiniLM (≈ 300 MB, seconds of CPU). The stage has its own tests
            // (CareBot.Care.Embeddings.Tests, EmbeddingsStartupTests); a test that wants it passes Enabled=true.
            "--Triage:Embeddings:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
            $"--Smtp:PickupFolder={MailPickupFolderFor(databasePath)}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            args.Add($"--{key}={value}");
        }

        var app = CareBotHost.Build([.. args], configure);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new CareBotTestServer(app, new Uri(address), databasePath);
    }

    /// <summary>POSTs an activity to /api/messages, optionally with a bearer token.</summary>
    public Task<HttpResponseMessage> PostActivityAsync(Activity activity, string? bearerToken = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(ActivityJson.Serialize(activity), Encoding.UTF8, "application/json"),
        };
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return Client.SendAsync(request);
    }

    /// <summary>Calls the agent API as the agent with this key (none: anonymous), with an optional JSON body.</summary>
    public Task<HttpResponseMessage> SendAsAgentAsync(HttpMethod method, string path, string? agentKey, string? json = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(method, path);
        if (agentKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agentKey);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return Client.SendAsync(request, cancellationToken);
    }

    /// <summary>POSTs an expectReplies activity and returns the bot's replies.</summary>
    public async Task<IList<Activity>> ExchangeAsync(Activity activity)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        using var response = await PostActivityAsync(activity).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return ActivityJson.Deserialize<ExpectedReplies>(body)!.Activities;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
