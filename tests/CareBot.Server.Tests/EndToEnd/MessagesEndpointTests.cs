using System.Net;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Channel;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>The whole server over real HTTP with auth off (local development): channel → /api/messages → dialog → Channel.</summary>
public sealed class MessagesEndpointTests : ServerWithChannelTest
{

    [Fact]
    public async Task Healthz_answers_200_once_the_server_is_ready()
    {
        using var response = await Server.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ready", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_is_answered_by_a_reply_posted_to_the_channel()
    {
        var message = Activities.Message("My order never arrived and NOBODY answers the phone!!!", Channel.ServiceUrl, "conv-connector");

        using var response = await Server.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await Channel.WaitForActivitiesAsync(1);
        var reply = Assert.Single(replies);
        Assert.Equal("conv-connector", reply.Conversation?.Id);
        Assert.Equal(message.Id, reply.ReplyToId);
        Assert.Equal("user-1", reply.Recipient?.Id);
        Assert.Contains("sorry", reply.Text, StringComparison.OrdinalIgnoreCase);
        var call = Assert.Single(Channel.Calls);
        Assert.Equal(ChannelOperation.ReplyToActivity, call.Operation);
        Assert.Null(call.Authorization); // auth off: no token goes out
    }

    [Fact]
    public async Task ExpectReplies_returns_the_replies_in_the_body_and_sends_nothing_to_the_channel()
    {
        var replies = await Server.ExchangeAsync(Activities.Message("Hi, where's my order?", Channel.ServiceUrl, "conv-expect"));

        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.Equal(ActivityTypes.Message, r.Type));
        Assert.Empty(Channel.Calls);
    }

    [Fact]
    public async Task A_redelivered_activity_is_processed_once_and_gets_the_same_answer()
    {
        var message = Activities.Message("My parcel is broken and I want a refund", Channel.ServiceUrl, "conv-dedupe");
        message.DeliveryMode = DeliveryModes.ExpectReplies;

        using var first = await Server.PostActivityAsync(message);
        using var second = await Server.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        // The dialog moved exactly one step: the next message gets a reflection, not the opening again.
        var next = await Server.ExchangeAsync(Activities.Message("it came smashed to pieces", Channel.ServiceUrl, "conv-dedupe"));
        Assert.DoesNotContain("Tell me more about what happened", Assert.Single(next).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_conversation_starts_with_a_greeting_when_the_customer_joins()
    {
        using var response = await Server.PostActivityAsync(Activities.CustomerJoined(Channel.ServiceUrl, "conv-join"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var greeting = (await Channel.WaitForActivitiesAsync(1))[0];
        Assert.Contains("Ana", greeting.Text, StringComparison.Ordinal);
        Assert.Null(greeting.ReplyToId); // a Direct Line / Web Chat join can't be replied to: sent to the conversation
    }

    [Theory]
    [InlineData("text/plain", "{\"type\":\"message\"}", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json", "{\"type\":", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"text\":\"no type\"}", HttpStatusCode.BadRequest)]
    public async Task Bad_input_gets_a_clear_error_not_a_500(string contentType, string body, HttpStatusCode expected)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
        using var response = await Server.Client.PostAsync("/api/messages", content);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
