using System.Collections.Concurrent;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;
using CareBot.Testing.Turns;

namespace CareBot.Protocol.Tests.DirectLine;

public sealed class DirectLinePrivateConversationTests
{
    [Fact]
    public async Task A_public_conversation_looks_like_a_channel_post_to_the_bot_and_the_client()
    {
        var seen = new ConcurrentQueue<Activity>();
        await using var host = await DirectLineHost.StartAsync(new DelegateBot(async (turn, ct) =>
        {
            seen.Enqueue(turn.Activity);
            if (turn.Activity.Type == "message")
            {
                await turn.SendActivityAsync("public ack", ct);
            }
        }));
        var (conversationId, token, _) = await host.StartConversationAsync("""{"user":{"id":"dl_pub"},"carebot":{"public":true}}""");

        await host.PostMessageAsync(conversationId, token, "this is terrible");
        var (activities, _) = await host.GetActivitiesAsync(conversationId, token);

        Assert.All(seen, a =>
        {
            Assert.True(a.Conversation!.IsGroup);
            Assert.Equal("channel", a.Conversation.ConversationType);
        });
        Assert.All(activities, a =>
        {
            Assert.True(a.GetProperty("conversation").GetProperty("isGroup").GetBoolean());
            Assert.Equal("channel", a.GetProperty("conversation").GetProperty("conversationType").GetString());
        });
    }

    [Fact]
    public async Task A_channelData_flag_on_a_post_makes_the_conversation_public()
    {
        var seen = new ConcurrentQueue<Activity>();
        await using var host = await DirectLineHost.StartAsync(new DelegateBot((turn, _) =>
        {
            seen.Enqueue(turn.Activity);
            return Task.CompletedTask;
        }));
        var (conversationId, token, _) = await host.StartConversationAsync();

        await host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            """{"type":"message","text":"hi","from":{"id":"dl_x"},"channelData":{"carebot":{"public":true}}}""");

        Assert.True(seen.Last().Conversation!.IsGroup);
    }

    [Fact]
    public async Task Create_conversation_on_the_channel_opens_a_private_conversation_announced_in_the_public_one()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (_, chat) = await host.SendAsync(HttpMethod.Post, "/chat/token", null, """{"public":true}""");
        var publicToken = chat.GetProperty("token").GetString()!;
        var publicId = chat.GetProperty("conversationId").GetString()!;
        var userId = chat.GetProperty("userId").GetString()!;
        await host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", publicToken);
        await host.PostMessageAsync(publicId, publicToken, "my order is late!", userId);

        var created = await host.Connector.CreateConversationAsync(host.ServiceUrl, new ConversationParameters
        {
            IsGroup = false,
            Members = [new ChannelAccount(userId)],
            Activity = new Activity { Type = ActivityTypes.Message, Text = "Hi, let's sort this out privately." },
        }, CancellationToken.None);

        Assert.Equal(host.ServiceUrl, created.ServiceUrl);
        var (publicActivities, _) = await host.GetActivitiesAsync(publicId, publicToken);
        var announcement = publicActivities.Single(a => a.GetProperty("type").GetString() == "event");
        Assert.Equal("carebot.privateConversation", announcement.GetProperty("name").GetString());
        var value = announcement.GetProperty("value");
        Assert.Equal(created.Id, value.GetProperty("conversationId").GetString());
        var privateToken = value.GetProperty("token").GetString()!;

        var (privateActivities, _) = await host.GetActivitiesAsync(created.Id!, privateToken);
        Assert.Equal("Hi, let's sort this out privately.", Assert.Single(privateActivities).GetProperty("text").GetString());
        Assert.Equal(created.ActivityId, privateActivities[0].GetProperty("id").GetString());

        var (status, _) = await host.PostMessageAsync(created.Id!, privateToken, "order 12345", "dl_someone_else");
        Assert.Equal(200, status);
        var (afterReply, _) = await host.GetActivitiesAsync(created.Id!, privateToken, "1");
        Assert.Equal(userId, afterReply[0].GetProperty("from").GetProperty("id").GetString());
        Assert.False(afterReply[0].GetProperty("conversation").TryGetProperty("isGroup", out _));
        Assert.Equal("echo: order 12345", afterReply[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_bot_can_open_the_private_conversation_during_its_public_turn()
    {
        IConnectorClient? connector = null;
        await using var host = await DirectLineHost.StartAsync(new DelegateBot(async (turn, ct) =>
        {
            if (turn.Activity.Type == "message" && turn.Activity.Conversation!.IsGroup == true)
            {
                await turn.SendActivityAsync("Sorry to hear that, I've sent you a DM.", ct);
                await connector!.CreateConversationAsync(turn.Activity.ServiceUrl!, new ConversationParameters
                {
                    Members = [turn.Activity.From!],
                    Activity = new Activity { Type = ActivityTypes.Message, Text = "Hi, it's CareBot in private." },
                }, ct);
            }
        }));
        connector = host.Connector;
        var (_, chat) = await host.SendAsync(HttpMethod.Post, "/chat/token", null, """{"public":true}""");
        var publicToken = chat.GetProperty("token").GetString()!;
        var publicId = chat.GetProperty("conversationId").GetString()!;
        var (_, started) = await host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", publicToken);
        using var socket = await DirectLineHost.ConnectAsync(started.GetProperty("streamUrl").GetString()!);

        await host.PostMessageAsync(publicId, publicToken, "terrible service", chat.GetProperty("userId").GetString()!);
        var streamed = await DirectLineHost.ReceiveActivitiesAsync(socket, 3);

        Assert.Equal(["message", "message", "event"], streamed.Select(a => a.GetProperty("type").GetString()));
        Assert.Equal("carebot.privateConversation", streamed[2].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Calls_for_other_service_urls_reach_the_decorated_connector()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());

        var response = await host.Connector.SendToConversationAsync("https://smba.trafficmanager.net/amer/", "teams-conv",
            new Activity { Type = ActivityTypes.Message, Text = "to Teams" }, CancellationToken.None);

        Assert.Equal("sent-1", response.Id);
        var call = Assert.Single(host.InnerConnector.Calls);
        Assert.Equal("teams-conv", call.ConversationId);
    }

    [Fact]
    public async Task Proactive_sends_update_and_delete_reach_the_conversation()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, _) = await host.StartConversationAsync();

        var sent = await host.Connector.SendToConversationAsync(host.ServiceUrl, conversationId,
            new Activity { Type = ActivityTypes.Message, Text = "an agent says hi" }, CancellationToken.None);
        await host.Connector.UpdateActivityAsync(host.ServiceUrl, conversationId, sent.Id!,
            new Activity { Type = ActivityTypes.Message, Text = "an agent says hello" }, CancellationToken.None);
        var (afterUpdate, _) = await host.GetActivitiesAsync(conversationId, token);
        await host.Connector.DeleteActivityAsync(host.ServiceUrl, conversationId, sent.Id!, CancellationToken.None);
        var (afterDelete, _) = await host.GetActivitiesAsync(conversationId, token);
        var missing = await Assert.ThrowsAsync<ConnectorException>(() => host.Connector.SendToConversationAsync(
            host.ServiceUrl, "no-such-conversation", new Activity { Type = ActivityTypes.Message, Text = "x" }, CancellationToken.None));

        Assert.Equal("an agent says hello", Assert.Single(afterUpdate).GetProperty("text").GetString());
        Assert.Empty(afterDelete);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(host.InnerConnector.Calls);
    }

    [Fact]
    public async Task Create_conversation_without_exactly_one_member_is_a_bad_argument()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Connector.CreateConversationAsync(
            host.ServiceUrl, new ConversationParameters { Members = [] }, CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
    }
}
