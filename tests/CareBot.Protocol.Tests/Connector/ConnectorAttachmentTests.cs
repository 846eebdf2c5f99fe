using System.Net;
using CareBot.Protocol.Connector;
using CareBot.Testing.Channel;

namespace CareBot.Protocol.Tests.Connector;

/// <summary>
/// <c>GET {serviceUrl}v3/attachments/{id}/views/{view}</c>: the bytes of a file a customer sent on a channel that
/// serves them only to the bot's token, bounded, and only from a serviceUrl the bot trusts.
/// </summary>
public sealed class ConnectorAttachmentTests
{
    private const string Token = "bot-token";
    private static readonly byte[] Photo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    [Fact]
    public async Task The_file_is_fetched_with_the_bots_token_from_a_proven_serviceUrl()
    {
        await using var harness = await ConnectorHarness.StartAsync(Token);
        harness.Channel.RequireBearerToken(Token);
        harness.TrustedServiceUrls.Trust(harness.Channel.ServiceUrl);
        harness.Channel.AddAttachment(Photo);

        var content = await harness.Client.GetAttachmentAsync(harness.Channel.ServiceUrl, "0-att-1", "original", 1024, default);

        Assert.Equal(Photo, content);
        var call = Assert.Single(harness.Channel.Calls);
        Assert.Equal(ChannelOperation.GetAttachment, call.Operation);
        Assert.Equal("/v3/attachments/0-att-1/views/original", call.RawTarget);
        Assert.Equal(Token, call.BearerToken);
    }

    [Fact]
    public async Task A_file_larger_than_asked_for_fails_without_a_retry()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Channel.AddAttachment(new byte[4096]);

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.GetAttachmentAsync(harness.Channel.ServiceUrl, "0-att-1", "original", 1000, default));

        Assert.False(error.IsTransient);
        Assert.Equal(ConnectorException.TooLargeCode, error.ErrorCode);
        Assert.Contains("more than 1000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Channel.Calls);
    }

    [Fact]
    public async Task An_unproven_serviceUrl_gets_no_request_and_no_token()
    {
        await using var harness = await ConnectorHarness.StartAsync(Token);
        harness.Channel.AddAttachment(Photo);

        await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.GetAttachmentAsync(harness.Channel.ServiceUrl, "0-att-1", "original", 1024, default));

        Assert.Empty(harness.Channel.Calls);
    }

    [Fact]
    public async Task An_unknown_attachment_is_a_404()
    {
        await using var harness = await ConnectorHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.GetAttachmentAsync(harness.Channel.ServiceUrl, "0-att-9", "original", 1024, default));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer/v3/attachments/0-eus-d1-abc/views/original", "0-eus-d1-abc", "original")]
    [InlineData("https://smba.trafficmanager.net/amer", "https://SMBA.trafficmanager.net/amer/v3/attachments/a%3Ab/views/thumbnail", "a:b", "thumbnail")]
    [InlineData("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/emea/v3/attachments/x/views/original", null, null)]  // another serviceUrl
    [InlineData("https://smba.trafficmanager.net/amer/", "https://evil.example/amer/v3/attachments/x/views/original", null, null)]           // another host
    [InlineData("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer/v3/attachments/x/views/original?x=1", null, null)]
    [InlineData("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer/v3/conversations/x/activities", null, null)]
    [InlineData("https://bot.contoso.com/", "https://bot.contoso.com/v3/directline/attachments/0123456789abcdef0123456789abcdef", null, null)] // the chat page's own
    [InlineData("https://smba.trafficmanager.net/amer/", null, null, null)]
    public void Only_links_to_the_channels_own_attachment_api_are_fetched(string serviceUrl, string? contentUrl, string? attachmentId, string? viewId)
    {
        var found = CareBot.Protocol.DirectLine.ChannelFilesMiddleware.ChannelAttachmentOf(serviceUrl, contentUrl);

        Assert.Equal(attachmentId, found?.AttachmentId);
        Assert.Equal(viewId, found?.ViewId);
    }
}
