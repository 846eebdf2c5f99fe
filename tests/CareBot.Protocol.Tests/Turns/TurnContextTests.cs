using CareBot.Protocol.Auth;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Tests.Schema;
using CareBot.Protocol.Turns;
using Moq;

namespace CareBot.Protocol.Tests.Turns;

public sealed class TurnContextTests
{
    private readonly Mock<IConnectorClient> _connector = new(MockBehavior.Strict);

    private static Activity WebChatMessage() => ActivityJson.Deserialize<Activity>(ChannelSamples.WebChatMessage)!;

    private TurnContext Context(Activity inbound) => new(inbound, ChannelIdentity.Anonymous, _connector.Object);

    [Fact]
    public async Task A_text_reply_is_addressed_from_the_inbound_activity_and_sent_as_a_reply()
    {
        Activity? sent = null;
        _connector
            .Setup(c => c.ReplyToActivityAsync("https://webchat.botframework.com/", "8aF3kQ-us", "8aF3kQ-us|0000003", It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, string, Activity, CancellationToken>((_, _, _, activity, _) => sent = activity)
            .ReturnsAsync(new ResourceResponse("reply-1"));
        var context = Context(WebChatMessage());

        var response = await context.SendActivityAsync("Sorry to hear that.", CancellationToken.None);

        Assert.Equal("reply-1", response.Id);
        Assert.NotNull(sent);
        Assert.Equal(ActivityTypes.Message, sent.Type);
        Assert.Equal("Sorry to hear that.", sent.Text);
        Assert.Equal("carebot@abc", sent.From!.Id);
        Assert.Equal("dl_4f1c", sent.Recipient!.Id);
        Assert.Equal("8aF3kQ-us", sent.Conversation!.Id);
        Assert.Equal("webchat", sent.ChannelId);
        Assert.Equal("8aF3kQ-us|0000003", sent.ReplyToId);
        Assert.Equal("en-US", sent.Locale);
        var recorded = Assert.Single(context.SentActivities);
        Assert.Same(sent, recorded.Activity);
        Assert.Equal("reply-1", recorded.Response.Id);
        Assert.True(context.Responded);
    }

    [Fact]
    public async Task Without_a_reply_target_the_activity_is_sent_to_the_conversation()
    {
        // A Direct Line conversationUpdate can't be replied to, so the reference has no activity id.
        var inbound = ActivityJson.Deserialize<Activity>(ChannelSamples.EmulatorConversationUpdate)!;
        inbound.ChannelId = Channels.DirectLine;
        _connector
            .Setup(c => c.SendToConversationAsync("http://localhost:52514", inbound.Conversation!.Id!, It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResourceResponse("welcome-1"));

        var response = await Context(inbound).SendActivityAsync("Welcome!", CancellationToken.None);

        Assert.Equal("welcome-1", response.Id);
    }

    [Fact]
    public async Task Fields_the_bot_set_are_not_overwritten()
    {
        Activity? sent = null;
        _connector
            .Setup(c => c.ReplyToActivityAsync(It.IsAny<string>(), "other-conversation", "older-message", It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, string, Activity, CancellationToken>((_, _, _, activity, _) => sent = activity)
            .ReturnsAsync(new ResourceResponse("r"));
        var outgoing = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "x",
            Locale = "es-ES",
            ReplyToId = "older-message",
            Conversation = new ConversationAccount("other-conversation"),
        };

        await Context(WebChatMessage()).SendActivityAsync(outgoing, CancellationToken.None);

        Assert.Equal("es-ES", sent!.Locale);
        Assert.Equal("other-conversation", sent.Conversation!.Id);
    }

    [Fact]
    public async Task With_expectReplies_activities_are_buffered_and_never_sent()
    {
        var inbound = WebChatMessage();
        inbound.DeliveryMode = DeliveryModes.ExpectReplies;
        var context = Context(inbound);

        var responses = await context.SendActivitiesAsync(
            [new Activity { Type = ActivityTypes.Typing }, new Activity { Type = ActivityTypes.Message, Text = "one" }, new Activity { Type = ActivityTypes.Trace, Name = "debug" }],
            CancellationToken.None);

        // The strict mock fails the test on any connector call.
        Assert.True(context.ExpectsReplies);
        Assert.All(responses, r => Assert.Null(r.Id));
        Assert.Equal(["typing", "message", "trace"], context.SentActivities.Select(s => s.Activity.Type));
        Assert.All(context.SentActivities, s => Assert.Equal("dl_4f1c", s.Activity.Recipient!.Id));
    }

    [Fact]
    public async Task Traces_are_not_sent_to_channels_other_than_the_Emulator()
    {
        var context = Context(WebChatMessage());

        var response = await context.SendActivityAsync(new Activity { Type = ActivityTypes.Trace, Name = "state" }, CancellationToken.None);

        Assert.Null(response.Id);
        Assert.Single(context.SentActivities);
    }

    [Fact]
    public async Task Traces_are_sent_to_the_Emulator()
    {
        var inbound = WebChatMessage();
        inbound.ChannelId = Channels.Emulator;
        _connector
            .Setup(c => c.ReplyToActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.Is<Activity>(a => a.Type == "trace"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResourceResponse("t1"));

        var response = await Context(inbound).SendActivityAsync(new Activity { Type = ActivityTypes.Trace, Name = "state" }, CancellationToken.None);

        Assert.Equal("t1", response.Id);
    }

    [Fact]
    public async Task Activities_are_sent_in_order_and_a_failure_stops_the_rest()
    {
        var order = new List<string>();
        _connector
            .Setup(c => c.ReplyToActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .Returns<string, string, string, Activity, CancellationToken>((_, _, _, activity, _) =>
            {
                order.Add(activity.Text!);
                return activity.Text == "two"
                    ? Task.FromException<ResourceResponse>(new ConnectorException("throttled", System.Net.HttpStatusCode.TooManyRequests, isTransient: true))
                    : Task.FromResult(new ResourceResponse(activity.Text));
            });
        var context = Context(WebChatMessage());

        await Assert.ThrowsAsync<ConnectorException>(() => context.SendActivitiesAsync(
            [new Activity { Type = "message", Text = "one" }, new Activity { Type = "message", Text = "two" }, new Activity { Type = "message", Text = "three" }],
            CancellationToken.None));

        Assert.Equal(["one", "two"], order);
        Assert.Equal("one", Assert.Single(context.SentActivities).Response.Id);
    }

    [Fact]
    public async Task An_activity_without_a_type_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Context(WebChatMessage()).SendActivityAsync(new Activity { Text = "x" }, CancellationToken.None));
    }

    [Fact]
    public async Task Update_and_delete_go_to_the_conversation_on_the_channel()
    {
        _connector
            .Setup(c => c.UpdateActivityAsync("https://webchat.botframework.com/", "8aF3kQ-us", "sent-7", It.Is<Activity>(a => a.Text == "edited"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResourceResponse("sent-7"));
        _connector
            .Setup(c => c.DeleteActivityAsync("https://webchat.botframework.com/", "8aF3kQ-us", "sent-8", It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);
        var context = Context(WebChatMessage());

        await context.UpdateActivityAsync(new Activity { Type = "message", Id = "sent-7", Text = "edited" }, CancellationToken.None);
        await context.DeleteActivityAsync("sent-8", CancellationToken.None);

        _connector.VerifyAll();
    }

    [Fact]
    public async Task Sending_without_a_serviceUrl_is_an_invalid_operation()
    {
        var inbound = WebChatMessage();
        inbound.ServiceUrl = null;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Context(inbound).SendActivityAsync("x", CancellationToken.None));
    }
}
