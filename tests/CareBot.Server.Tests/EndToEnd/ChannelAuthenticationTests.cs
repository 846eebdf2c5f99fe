using System.Net;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Auth;
using CareBot.Testing.Channel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Client;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// The server with a MicrosoftAppId: channel tokens from a local OpenID issuer are required, and replies go out with the
/// bot's own token from a local Entra-like token endpoint, only to the serviceUrl the channel's token proved.
/// </summary>
public sealed class ChannelAuthenticationTests : IAsyncLifetime
{
    private const string AppId = "9b0d2a3c-5f6e-4a1b-8c7d-0e1f2a3b4c5d";

    private LocalOpenIdServer issuer = null!;
    private LocalTokenServer tokens = null!;
    private FakeChannel channel = null!;
    private CareBotTestServer server = null!;

    public async Task InitializeAsync()
    {
        issuer = await LocalOpenIdServer.StartAsync();
        tokens = await LocalTokenServer.StartAsync();
        channel = await FakeChannel.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "s3cret",
            ["MicrosoftAppTenantId"] = tokens.Tenant,
            ["BotFrameworkAuthentication:ChannelOpenIdMetadataUrl"] = issuer.ChannelMetadataUrl.ToString(),
            ["BotFrameworkAuthentication:EmulatorOpenIdMetadataUrl"] = issuer.EmulatorMetadataUrl.ToString(),
            ["BotFrameworkAuthentication:TokenAuthority"] = tokens.Authority.ToString(),
        };
        server = await CareBotTestServer.StartAsync(
            settings: settings,
            configure: builder => builder.Services.AddSingleton<IMsalHttpClientFactory>(tokens.MsalHttpClientFactory));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await channel.DisposeAsync();
        await tokens.DisposeAsync();
        await issuer.DisposeAsync();
    }

    [Fact]
    public async Task A_valid_channel_token_gets_the_turn_and_the_reply_carries_the_bots_token()
    {
        var message = Activities.Message("My order never arrived!!!", channel.ServiceUrl, "conv-auth");

        using var response = await server.PostActivityAsync(message, issuer.IssueChannelToken(AppId, channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(await channel.WaitForCallsAsync(1));
        Assert.False(string.IsNullOrEmpty(call.BearerToken));
        Assert.Equal(AppId, Assert.Single(tokens.Requests)["client_id"]);
    }

    [Fact]
    public async Task A_photo_only_the_bots_token_opens_is_fetched_with_it_from_the_proven_serviceUrl_and_kept()
    {
        // As Teams links a photo: under the serviceUrl the channel's token proved, readable only with the bot's token.
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52 };
        foreach (var text in new[] { "I want to talk to a real person please", "I don't have one", "sam@example.com", "Wrong size delivered" })
        {
            using var answered = await server.PostActivityAsync(Activities.Message(text, channel.ServiceUrl, "conv-auth-photo"), issuer.IssueChannelToken(AppId, channel.ServiceUrl));
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        var photo = Activities.Message("this is how it arrived", channel.ServiceUrl, "conv-auth-photo");
        photo.Attachments = [new Attachment { ContentType = "image/*", ContentUrl = channel.AddAttachment(png) }];

        using var response = await server.PostActivityAsync(photo, issuer.IssueChannelToken(AppId, channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fetched = Assert.Single(channel.CallsTo(ChannelOperation.GetAttachment));
        Assert.False(string.IsNullOrEmpty(fetched.BearerToken));
        var cases = await server.Services.GetRequiredService<CareBot.Care.Stores.ICaseStore>().ListAsync(new CareBot.Care.Stores.CaseQuery(), CancellationToken.None);
        var line = Assert.Single(cases).Case.Transcript.Last(l => l.Author == CareBot.Care.Cases.CaseAuthor.Customer).Text;
        Assert.Matches(@"^this is how it arrived \[photo: photo\.png http://[^ ]+/v3/directline/attachments/[0-9a-f]{32}\]$", line);
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_401()
    {
        using var response = await server.PostActivityAsync(Activities.Message("hello", channel.ServiceUrl, "conv-auth-missing"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(channel.Calls);
    }

    [Fact]
    public async Task A_token_proving_another_serviceUrl_is_refused_and_nothing_is_sent()
    {
        var message = Activities.Message("hello", channel.ServiceUrl, "conv-auth-forged");

        using var response = await server.PostActivityAsync(message, issuer.IssueChannelToken(AppId, "https://smba.trafficmanager.net/amer/"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(channel.Calls);
    }

    [Fact]
    public async Task A_token_for_another_bot_is_refused()
    {
        var message = Activities.Message("hello", channel.ServiceUrl, "conv-auth-audience");

        using var response = await server.PostActivityAsync(message, issuer.IssueChannelToken("another-app", channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
