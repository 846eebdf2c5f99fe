using CareBot.Protocol.Auth;
using CareBot.Protocol.Connector;
using CareBot.Protocol.DirectLine;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Turns;
using CareBot.Testing.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Protocol.Tests.DirectLine;

/// <summary>
/// The copy of a file a channel serves only to the bot's token, before the bot reads the message: the link is swapped
/// for the kept copy's, and anything that cannot be kept keeps the channel's link without failing the turn.
/// </summary>
public sealed class ChannelFilesMiddlewareTests : IDisposable
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    private const string Origin = "https://bot.contoso.example";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private readonly RecordingConnectorClient connector = new();
    private readonly MemoryUploadStore store = new();
    private readonly ServiceProvider provider;

    public ChannelFilesMiddlewareTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = "s",
            ["DirectLine:MaxConcurrentUploads"] = "1",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConnectorClient>(connector);
        services.AddSingleton<IDirectLineUploadStore>(store);
        services.AddOptions<ConnectorOptions>();
        services.AddDirectLineChannel(configuration);
        provider = services.BuildServiceProvider();
    }

    public void Dispose() => provider.Dispose();

    [Fact]
    public async Task A_photo_under_the_activitys_serviceUrl_is_kept_and_linked_on_this_server()
    {
        connector.Attachments["0-att-1"] = Png;
        var activity = Message(ServiceUrl + "v3/attachments/0-att-1/views/original");

        var seen = await RunAsync(activity);

        var kept = Assert.Single(store.Files);
        Assert.Equal(Origin + DirectLineUploadLinks.PathOf(kept.Id), seen.ContentUrl);
        Assert.Equal("image/png", seen.ContentType);
        Assert.Equal(Png, kept.Content);
    }

    [Theory]
    [InlineData("https://evil.example/amer/v3/attachments/0-att-1/views/original")]  // another host: never fetched
    [InlineData("https://files.example/damage.jpg")]
    public async Task A_link_anywhere_else_is_not_fetched(string url)
    {
        connector.Attachments["0-att-1"] = Png;

        var seen = await RunAsync(Message(url));

        Assert.Equal(url, seen.ContentUrl);
        Assert.Empty(connector.Calls);
        Assert.Empty(store.Files);
    }

    [Fact]
    public async Task When_every_upload_slot_is_taken_the_channels_link_stays_and_the_turn_goes_on()
    {
        connector.Attachments["0-att-1"] = Png;
        var url = ServiceUrl + "v3/attachments/0-att-1/views/original";
        var slots = provider.GetRequiredService<DirectLineChannel>().UploadSlots;
        await slots.WaitAsync();
        try
        {
            var seen = await RunAsync(Message(url), fileTimeout: TimeSpan.FromMilliseconds(200));

            Assert.Equal(url, seen.ContentUrl);
            Assert.Empty(connector.Calls);
        }
        finally
        {
            slots.Release();
        }
    }

    [Fact]
    public async Task A_refused_download_keeps_the_channels_link()
    {
        var url = ServiceUrl + "v3/attachments/0-att-9/views/original"; // the channel answers 404

        var seen = await RunAsync(Message(url));

        Assert.Equal(url, seen.ContentUrl);
        Assert.Empty(store.Files);
    }

    private static Activity Message(string contentUrl) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = "msteams",
        ServiceUrl = ServiceUrl,
        Conversation = new ConversationAccount { Id = "a:1" },
        From = new ChannelAccount("29:sam"),
        Attachments = [new Attachment { ContentType = "image/*", ContentUrl = contentUrl }],
    };

    /// <summary>Runs the middleware in front of a bot that records the attachment it was given.</summary>
    private async Task<Attachment> RunAsync(Activity activity, TimeSpan? fileTimeout = null)
    {
        using var scope = provider.CreateScope();
        var middleware = Assert.Single(scope.ServiceProvider.GetServices<ITurnMiddleware>());
        if (fileTimeout is { } limit)
        {
            scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConnectorOptions>>().Value.FileTimeout = limit;
        }

        Attachment? seen = null;
        var context = new TurnContext(activity, ChannelIdentity.Anonymous, connector) { Origin = Origin };
        await middleware.OnTurnAsync(context, _ =>
        {
            seen = context.Activity.Attachments![0];
            return Task.CompletedTask;
        }, CancellationToken.None);
        return seen!;
    }
}
