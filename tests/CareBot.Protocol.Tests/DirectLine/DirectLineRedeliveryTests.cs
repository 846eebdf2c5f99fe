using CareBot.Protocol.Schema;
using CareBot.Testing.Turns;

namespace CareBot.Protocol.Tests.DirectLine;

/// <summary>
/// The outbox delivers at least once and redelivers with the same activity id after a crash; the built-in channel
/// turns such a repeat into a no-op that answers like the first delivery.
/// </summary>
public sealed class DirectLineRedeliveryTests
{
    [Fact]
    public async Task A_proactive_activity_sent_twice_with_the_same_id_is_delivered_once_with_one_resource_id()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, streamUrl) = await host.StartConversationAsync();
        using var socket = await DirectLineHost.ConnectAsync(streamUrl);

        var first = await host.Connector.SendToConversationAsync(host.ServiceUrl, conversationId, AgentReply("outbox-42"), CancellationToken.None);
        var repeat = await host.Connector.SendToConversationAsync(host.ServiceUrl, conversationId, AgentReply("outbox-42"), CancellationToken.None);
        await host.Connector.SendToConversationAsync(host.ServiceUrl, conversationId,
            new Activity { Type = ActivityTypes.Message, Text = "marker" }, CancellationToken.None);
        var (polled, _) = await host.GetActivitiesAsync(conversationId, token);
        var streamed = await DirectLineHost.ReceiveActivitiesAsync(socket, 2);

        Assert.Equal(conversationId + "|0000000", first.Id);
        Assert.Equal(first.Id, repeat.Id);
        Assert.Equal(["an agent replies", "marker"], polled.Select(a => a.GetProperty("text").GetString()));
        Assert.Equal(["an agent replies", "marker"], streamed.Select(a => a.GetProperty("text").GetString()));
        Assert.Equal(first.Id, streamed[0].GetProperty("id").GetString());
        Assert.Empty(host.InnerConnector.Calls);
    }

    [Fact]
    public async Task A_reply_repeated_with_the_same_id_is_delivered_once()
    {
        await using var host = await DirectLineHost.StartAsync(new DelegateBot((_, _) => Task.CompletedTask));
        var (conversationId, token, _) = await host.StartConversationAsync();
        await host.PostMessageAsync(conversationId, token, "where is my parcel?");
        var userActivityId = conversationId + "|0000000";

        var first = await host.Connector.ReplyToActivityAsync(host.ServiceUrl, conversationId, userActivityId, AgentReply("outbox-7"), CancellationToken.None);
        var repeat = await host.Connector.ReplyToActivityAsync(host.ServiceUrl, conversationId, userActivityId, AgentReply("outbox-7"), CancellationToken.None);
        var (activities, watermark) = await host.GetActivitiesAsync(conversationId, token);

        Assert.Equal(first.Id, repeat.Id);
        Assert.Equal(["where is my parcel?", "an agent replies"], activities.Select(a => a.GetProperty("text").GetString()));
        Assert.Equal(userActivityId, activities[1].GetProperty("replyToId").GetString());
        Assert.Equal("2", watermark);
    }

    [Fact]
    public async Task Activities_without_an_id_are_each_delivered()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, _) = await host.StartConversationAsync();

        var first = await host.Connector.SendToConversationAsync(host.ServiceUrl, conversationId, AgentReply(id: null), CancellationToken.None);
        var second = await host.Connector.SendToConversationAsync(host.ServiceUrl, conversationId, AgentReply(id: null), CancellationToken.None);
        var (activities, _) = await host.GetActivitiesAsync(conversationId, token);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(2, activities.Length);
    }

    [Fact]
    public async Task The_same_id_in_another_conversation_is_a_new_delivery()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (firstConversation, firstToken, _) = await host.StartConversationAsync();
        var (secondConversation, secondToken, _) = await host.StartConversationAsync();

        await host.Connector.SendToConversationAsync(host.ServiceUrl, firstConversation, AgentReply("outbox-9"), CancellationToken.None);
        var other = await host.Connector.SendToConversationAsync(host.ServiceUrl, secondConversation, AgentReply("outbox-9"), CancellationToken.None);
        var (inFirst, _) = await host.GetActivitiesAsync(firstConversation, firstToken);
        var (inSecond, _) = await host.GetActivitiesAsync(secondConversation, secondToken);

        Assert.Equal(secondConversation + "|0000000", other.Id);
        Assert.Single(inFirst);
        Assert.Single(inSecond);
    }

    [Fact]
    public async Task A_late_repeat_does_not_bring_back_a_deleted_activity()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, _) = await host.StartConversationAsync();

        var first = await host.Connector.SendToConversationAsync(host.ServiceUrl, conversationId, AgentReply("outbox-3"), CancellationToken.None);
        await host.Connector.DeleteActivityAsync(host.ServiceUrl, conversationId, first.Id!, CancellationToken.None);
        var repeat = await host.Connector.SendToConversationAsync(host.ServiceUrl, conversationId, AgentReply("outbox-3"), CancellationToken.None);
        var (activities, _) = await host.GetActivitiesAsync(conversationId, token);

        Assert.Equal(first.Id, repeat.Id);
        Assert.Empty(activities);
    }

    [Fact]
    public async Task Concurrent_repeats_deliver_once()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, _) = await host.StartConversationAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            host.Connector.SendToConversationAsync(host.ServiceUrl, conversationId, AgentReply("outbox-5"), CancellationToken.None))));
        var (activities, _) = await host.GetActivitiesAsync(conversationId, token);

        Assert.Single(activities);
        Assert.Single(responses.Select(r => r.Id).Distinct());
    }

    private static Activity AgentReply(string? id) => new() { Type = ActivityTypes.Message, Id = id, Text = "an agent replies" };
}
