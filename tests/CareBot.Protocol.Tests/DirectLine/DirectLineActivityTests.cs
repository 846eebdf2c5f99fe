using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using CareBot.Protocol.DirectLine;
using CareBot.Protocol.Schema;
using CareBot.Testing.Turns;
using Moq;

namespace CareBot.Protocol.Tests.DirectLine;

public sealed class DirectLineActivityTests
{
    [Fact]
    public async Task A_posted_message_is_echoed_with_an_id_and_its_clientActivityID_then_the_bot_reply_follows()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, _) = await host.StartConversationAsync();

        var (status, posted) = await host.PostMessageAsync(conversationId, token, "hello", clientActivityId: "client-1");
        var (activities, watermark) = await host.GetActivitiesAsync(conversationId, token);

        Assert.Equal(200, status);
        Assert.Equal(conversationId + "|0000000", posted.GetProperty("id").GetString());
        Assert.Equal(2, activities.Length);
        var echo = activities[0];
        Assert.Equal(conversationId + "|0000000", echo.GetProperty("id").GetString());
        Assert.Equal("client-1", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal("directline", echo.GetProperty("channelId").GetString());
        Assert.Equal("dl_user1", echo.GetProperty("from").GetProperty("id").GetString());
        Assert.EndsWith("Z", echo.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
        var reply = activities[1];
        Assert.Equal("echo: hello", reply.GetProperty("text").GetString());
        Assert.Equal("carebot", reply.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal(conversationId + "|0000000", reply.GetProperty("replyToId").GetString());
        Assert.Equal("2", watermark);
    }

    [Fact]
    public async Task The_history_keeps_the_redacted_text_while_the_bot_gets_the_message_as_sent()
    {
        var redactor = new Mock<IUserTextRedactor>();
        redactor.Setup(r => r.Redact(It.IsAny<string?>())).Returns((string? text) => text?.Replace("hunter2", "[removed]", StringComparison.Ordinal));
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), redactor: redactor.Object);
        var (conversationId, token, _) = await host.StartConversationAsync();

        await host.PostMessageAsync(conversationId, token, "my password is hunter2", clientActivityId: "client-1");
        var (activities, _) = await host.GetActivitiesAsync(conversationId, token);

        Assert.Equal("my password is [removed]", activities[0].GetProperty("text").GetString());
        Assert.Equal("client-1", activities[0].GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal("echo: my password is hunter2", activities[1].GetProperty("text").GetString());
        redactor.Verify(r => r.Redact("my password is hunter2"), Times.Once());
    }

    [Fact]
    public async Task The_bot_sees_the_channel_stamps_and_a_join_but_clients_never_see_conversationUpdate()
    {
        var seen = new ConcurrentQueue<Activity>();
        await using var host = await DirectLineHost.StartAsync(new DelegateBot((turn, _) =>
        {
            seen.Enqueue(turn.Activity);
            return Task.CompletedTask;
        }));
        var (conversationId, token, _) = await host.StartConversationAsync("""{"user":{"id":"dl_bob"}}""");

        await host.PostMessageAsync(conversationId, token, "hi", userId: "dl_bob");
        var (activities, _) = await host.GetActivitiesAsync(conversationId, token);

        var types = seen.Select(a => a.Type).ToList();
        Assert.Equal(["conversationUpdate", "message"], types);
        var update = seen.First();
        Assert.Equal(["carebot", "dl_bob"], update.MembersAdded!.Select(m => m.Id));
        var message = seen.Last();
        Assert.Equal("directline", message.ChannelId);
        Assert.Equal(host.ServiceUrl, message.ServiceUrl);
        Assert.Equal("carebot", message.Recipient!.Id);
        Assert.Equal(conversationId, message.Conversation!.Id);
        Assert.Null(message.Conversation.IsGroup);
        Assert.Single(activities);
        Assert.Equal("message", activities[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_token_naming_a_user_overrides_the_posted_from_id()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (_, generated) = await host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineHost.Secret, """{"user":{"id":"dl_real"}}""");
        var token = generated.GetProperty("token").GetString()!;
        var conversationId = generated.GetProperty("conversationId").GetString()!;

        await host.PostMessageAsync(conversationId, token, "hi", userId: "dl_forged");
        var (activities, _) = await host.GetActivitiesAsync(conversationId, token);

        Assert.Equal("dl_real", activities[0].GetProperty("from").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Watermarks_page_through_the_history_until_an_empty_list()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?> { ["DirectLine:MaxActivitiesPerPage"] = "3" });
        var (conversationId, token, _) = await host.StartConversationAsync();
        for (var i = 0; i < 4; i++)
        {
            await host.PostMessageAsync(conversationId, token, "m" + i);
        }

        var texts = new List<string>();
        string? watermark = null;
        var pages = 0;
        while (true)
        {
            var (activities, next) = await host.GetActivitiesAsync(conversationId, token, watermark);
            if (activities.Length == 0)
            {
                Assert.Equal(watermark, next);
                break;
            }

            pages++;
            Assert.True(activities.Length <= 3);
            texts.AddRange(activities.Select(a => a.GetProperty("text").GetString()!));
            watermark = next;
        }

        Assert.Equal(3, pages);
        Assert.Equal(["m0", "echo: m0", "m1", "echo: m1", "m2", "echo: m2", "m3", "echo: m3"], texts);
    }

    [Fact]
    public async Task An_unknown_conversation_answers_404()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());

        var (getStatus, body) = await host.SendAsync(HttpMethod.Get, "/v3/directline/conversations/nope/activities", DirectLineHost.Secret);
        var (postStatus, _) = await host.PostMessageAsync("nope", DirectLineHost.Secret, "hi");
        var (reconnectStatus, _) = await host.SendAsync(HttpMethod.Get, "/v3/directline/conversations/nope", DirectLineHost.Secret);

        Assert.Equal(404, getStatus);
        Assert.Equal("NotFound", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(404, postStatus);
        Assert.Equal(404, reconnectStatus);
    }

    [Theory]
    [InlineData("{\"type\":", "InvalidJson")]
    [InlineData("[1,2]", "NotAnObject")]
    [InlineData("{\"text\":\"no type\",\"from\":{\"id\":\"u\"}}", "MissingType")]
    [InlineData("{\"type\":\"message\",\"text\":\"no sender\"}", "MissingProperty")]
    [InlineData("{\"type\":\"message\",\"from\":{\"id\":\"u\"},\"channelData\":\"x\",\"timestamp\":42}", "InvalidActivity")]
    public async Task A_malformed_activity_answers_400_and_reaches_neither_the_bot_nor_the_history(string json, string code)
    {
        var bot = DelegateBot.Echo();
        await using var host = await DirectLineHost.StartAsync(bot);
        var (conversationId, token, _) = await host.StartConversationAsync();
        var turnsBefore = bot.Turns;

        var (status, body) = await host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, json);

        Assert.Equal(400, status);
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(turnsBefore, bot.Turns);
        var (activities, _) = await host.GetActivitiesAsync(conversationId, token);
        Assert.Empty(activities);
    }

    [Fact]
    public async Task An_oversize_activity_answers_413()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?> { ["DirectLine:MaxActivityBytes"] = "1024" });
        var (conversationId, token, _) = await host.StartConversationAsync();

        var (status, body) = await host.PostMessageAsync(conversationId, token, new string('x', 2000));

        Assert.Equal(413, status);
        Assert.Equal("PayloadTooLarge", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_chunked_oversize_activity_answers_413()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?> { ["DirectLine:MaxActivityBytes"] = "1024" });
        var (conversationId, token, _) = await host.StartConversationAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var json = "{\"type\":\"message\",\"from\":{\"id\":\"u\"},\"text\":\"" + new string('x', 5000) + "\"}";
        request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(413, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_non_json_activity_answers_415()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, _) = await host.StartConversationAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
        {
            Content = new StringContent("type=message", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(415, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_failing_bot_answers_502_BotRejectedActivity_but_the_echo_stays()
    {
        await using var host = await DirectLineHost.StartAsync(new DelegateBot((turn, _) =>
            turn.Activity.Type == "message" ? throw new InvalidOperationException("boom") : Task.CompletedTask));
        var (conversationId, token, _) = await host.StartConversationAsync();

        var (status, body) = await host.PostMessageAsync(conversationId, token, "hi");

        Assert.Equal(502, status);
        Assert.Equal("BotRejectedActivity", body.GetProperty("error").GetProperty("code").GetString());
        var (activities, _) = await host.GetActivitiesAsync(conversationId, token);
        Assert.Single(activities);
    }

    [Fact]
    public async Task Typing_from_the_bot_is_not_delivered_by_polling()
    {
        await using var host = await DirectLineHost.StartAsync(new DelegateBot(async (turn, ct) =>
        {
            if (turn.Activity.Type == "message")
            {
                await turn.SendActivityAsync(new Activity { Type = ActivityTypes.Typing }, ct);
                await turn.SendActivityAsync("done", ct);
            }
        }));
        var (conversationId, token, _) = await host.StartConversationAsync();

        await host.PostMessageAsync(conversationId, token, "hi");
        var (activities, watermark) = await host.GetActivitiesAsync(conversationId, token);

        Assert.Equal(["hi", "done"], activities.Select(a => a.GetProperty("text").GetString()));
        Assert.Equal("3", watermark);
    }

    [Fact]
    public async Task Replies_to_an_expectReplies_post_land_in_the_conversation()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, _) = await host.StartConversationAsync();

        var (status, _) = await host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            """{"type":"message","text":"buffered","deliveryMode":"expectReplies","from":{"id":"dl_u"}}""");
        var (activities, _) = await host.GetActivitiesAsync(conversationId, token);

        Assert.Equal(200, status);
        Assert.Equal(["buffered", "echo: buffered"], activities.Select(a => a.GetProperty("text").GetString()));
        Assert.Equal(conversationId + "|0000001", activities[1].GetProperty("id").GetString());
    }
}
