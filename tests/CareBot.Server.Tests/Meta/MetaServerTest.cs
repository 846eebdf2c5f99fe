using System.Text;
using CareBot.Care.Stores;
using CareBot.Meta.Webhook;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Meta;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Server.Tests.Meta;

/// <summary>
/// A real server with the Meta channel configured against the local Graph API stand-in (one Page with a linked
/// Instagram account), a fast outbox, and an agent key; tests POST signed webhook deliveries and watch the Graph calls.
/// </summary>
public abstract class MetaServerTest : IAsyncLifetime
{
    protected const string AppSecret = "test-app-secret";
    protected const string VerifyToken = "verify-me-please";
    protected const string PageId = "1111222233334444";
    protected const string InstagramId = "17841400000000001";
    protected const string PageToken = "page-token-for-tests";

    protected GraphApiStandIn Graph { get; private set; } = null!;

    protected CareBotTestServer Server { get; private set; } = null!;

    /// <summary>A unique prefix for ids, so fixtures never collide.</summary>
    protected string Run { get; } = Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        Graph = await GraphApiStandIn.StartAsync(PageToken);
        Server = await StartServerAsync();
    }

    /// <summary>Starts a server on <paramref name="databasePath"/> (a restart when it is an earlier server's), with extra settings.</summary>
    protected Task<CareBotTestServer> StartServerAsync(string? databasePath = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Meta:AppSecret"] = AppSecret,
            ["Meta:VerifyToken"] = VerifyToken,
            ["Meta:GraphBaseUrl"] = Graph.BaseAddress.AbsoluteUri,
            ["Meta:RateLimitPause"] = "00:00:01",
            ["Meta:RequestTimeout"] = "00:00:02",
            ["Meta:FileHosts:0"] = "127.0.0.1",   // the stand-in's CDN; Meta's real hosts are never fetched in tests
            ["Meta:FileTimeout"] = "00:00:05",
            ["Meta:Pages:0:PageId"] = PageId,
            ["Meta:Pages:0:AccessToken"] = PageToken,
            ["Meta:Pages:0:InstagramAccountId"] = InstagramId,
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Outbox:BaseDelay"] = "00:00:00.500",
            ["Outbox:MaxDelay"] = "00:00:01",
            ["Agents:ApiKeys:ann"] = "key-ann",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return CareBotTestServer.StartAsync(databasePath, settings);
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Graph is not null)
        {
            await Graph.DisposeAsync();
        }
    }

    /// <summary>POSTs a webhook delivery signed as Meta signs it (or with the given signature header; null: none).</summary>
    protected static Task<HttpResponseMessage> PostWebhookAsync(CareBotTestServer server, string json, string? signature = "sign")
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, MetaWebhookEndpoints.Route) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(MetaSignature.HeaderName, signature == "sign" ? MetaSignature.Sign(body, AppSecret) : signature);
        }

        return server.Client.SendAsync(request);
    }

    protected async Task PostWebhookAsync(string json)
    {
        using var response = await PostWebhookAsync(Server, json);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Waits until the outbox has nothing left to deliver (every turn run, every reply sent or given up).</summary>
    protected static async Task WaitForOutboxIdleAsync(CareBotTestServer server)
    {
        var outbox = server.Services.GetRequiredService<IOutboxStore>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await outbox.CountPendingAsync(CancellationToken.None) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the outbox did not drain in 30 s");
            await Task.Delay(100);
        }
    }

    protected string CommentId(string name) => $"{PageId}_9001_{Run}{name}";

    /// <summary>Public answers under a comment (Facebook <c>/comments</c>, Instagram <c>/replies</c>) that Meta accepted.</summary>
    protected IReadOnlyList<GraphCall> PublicRepliesTo(string commentId) =>
        [.. Graph.Calls.Where(c => c.Answered && (c.Path == $"{commentId}/comments" || c.Path == $"{commentId}/replies"))];

    /// <summary>Every Private Reply attempt to a comment (answered or not).</summary>
    protected IReadOnlyList<GraphCall> PrivateRepliesTo(string commentId) =>
        [.. Graph.Calls.Where(c => c.PrivateReplyTo == commentId)];
}
