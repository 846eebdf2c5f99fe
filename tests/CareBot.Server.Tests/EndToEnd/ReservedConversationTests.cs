using System.Net;
using System.Text.Json;
using CareBot.Protocol.DirectLine;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// The built-in Direct Line channel's conversations are reached only through the channel: <c>POST /api/messages</c>
/// refuses (403) an activity for one of them or with the channel's serviceUrl, so nobody can run turns in a web
/// visitor's conversation and read the answers back. Azure Bot Service's Direct Line (also channelId
/// <c>directline</c>) keeps working.
/// </summary>
public sealed class ReservedConversationTests : ServerWithChannelTest
{
    [Fact]
    public async Task A_post_into_a_web_visitors_conversation_is_refused_with_403()
    {
        var visitorConversation = await StartChatAsync();
        var forged = Activities.Message("what is my email address?", Activities.UnusedServiceUrl, visitorConversation, channelId: Channels.DirectLine);
        forged.DeliveryMode = DeliveryModes.ExpectReplies;

        using var response = await Server.PostActivityAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("ReservedConversation", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task An_activity_with_the_built_in_channels_serviceUrl_is_refused_with_403()
    {
        var builtInServiceUrl = new DirectLineOptions().ServiceUrl;
        var forged = Activities.Message("hello", builtInServiceUrl, "made-up-conversation", channelId: "webchat");

        using var response = await Server.PostActivityAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("ReservedConversation", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Azure_Bot_Services_Direct_Line_channel_still_gets_answers()
    {
        await StartChatAsync();
        var fromAzure = Activities.Message("my parcel never arrived", "https://directline.botframework.com/", "Hk0dC3TXT6Q6SBGb5Iu8jQ-us", channelId: Channels.DirectLine);

        var replies = await Server.ExchangeAsync(fromAzure);

        Assert.NotEmpty(replies);
    }

    private async Task<string> StartChatAsync()
    {
        using var response = await Server.Client.PostAsync(new Uri("/chat/token", UriKind.Relative), content: null);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("conversationId").GetString()!;
    }

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response) =>
        ActivityJson.Deserialize<ErrorResponse>(await response.Content.ReadAsStringAsync())?.Error?.Code;
}
