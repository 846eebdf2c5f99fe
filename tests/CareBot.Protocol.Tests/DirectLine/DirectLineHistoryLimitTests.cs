using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CareBot.Testing.Turns;

namespace CareBot.Protocol.Tests.DirectLine;

public sealed class DirectLineHistoryLimitTests
{
    [Fact]
    public async Task A_conversation_keeps_only_the_newest_activities_and_watermarks_go_on()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?> { ["DirectLine:MaxHistoryActivities"] = "4" });
        var (conversationId, token, _) = await host.StartConversationAsync();
        for (var i = 0; i < 5; i++)
        {
            await host.PostMessageAsync(conversationId, token, "m" + i);
        }

        var (kept, watermark) = await host.GetActivitiesAsync(conversationId, token, "0");
        await host.PostMessageAsync(conversationId, token, "later");
        var (next, _) = await host.GetActivitiesAsync(conversationId, token, watermark);

        Assert.Equal(["m3", "echo: m3", "m4", "echo: m4"], kept.Select(a => a.GetProperty("text").GetString()));
        Assert.Equal(conversationId + "|0000006", kept[0].GetProperty("id").GetString());
        Assert.Equal("10", watermark);
        Assert.Equal(["later", "echo: later"], next.Select(a => a.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task A_conversation_keeps_at_most_its_byte_budget_but_always_the_newest_activity()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?> { ["DirectLine:MaxHistoryBytes"] = "4096" });
        var (conversationId, token, _) = await host.StartConversationAsync();
        for (var i = 0; i < 4; i++)
        {
            await host.PostMessageAsync(conversationId, token, new string('x', 3000) + i);
        }

        var (kept, _) = await host.GetActivitiesAsync(conversationId, token);

        Assert.Equal(["echo: " + new string('x', 3000) + "3"], kept.Select(a => a.GetProperty("text").GetString()));
        Assert.True(host.Channel.Diagnostics().HistoryBytes <= 4096);
    }

    [Fact]
    public async Task A_get_page_stops_at_the_byte_budget_and_the_watermark_leads_to_the_rest()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?> { ["DirectLine:MaxPageBytes"] = "5000" });
        var (conversationId, token, _) = await host.StartConversationAsync();
        await host.PostMessageAsync(conversationId, token, new string('a', 3000));

        var (first, watermark) = await host.GetActivitiesAsync(conversationId, token);
        var (rest, last) = await host.GetActivitiesAsync(conversationId, token, watermark);

        Assert.Single(first);
        Assert.Equal("1", watermark);
        Assert.Equal("echo: " + new string('a', 3000), Assert.Single(rest).GetProperty("text").GetString());
        Assert.Equal("2", last);
    }

    [Fact]
    public async Task A_new_stream_catches_up_one_activity_per_frame_in_order()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, streamUrl) = await host.StartConversationAsync();
        for (var i = 0; i < 4; i++)
        {
            await host.PostMessageAsync(conversationId, token, "m" + i);
        }

        using var socket = await DirectLineHost.ConnectAsync(streamUrl);
        var frames = new List<JsonElement>();
        var received = 0;
        while (received < 8)
        {
            using var frame = JsonDocument.Parse(await DirectLineHost.ReceiveFrameAsync(socket));
            frames.Add(frame.RootElement.Clone());
            received += frame.RootElement.GetProperty("activities").GetArrayLength();
        }

        Assert.All(frames, f => Assert.Equal(1, f.GetProperty("activities").GetArrayLength()));
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], frames.Select(f => f.GetProperty("watermark").GetString()));
        Assert.Equal("echo: m3", frames[^1].GetProperty("activities")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_new_stream_on_a_full_conversation_closes_the_oldest_stream()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?> { ["DirectLine:MaxStreamsPerConversation"] = "2" });
        var (conversationId, token, streamUrl) = await host.StartConversationAsync();
        using var first = await DirectLineHost.ConnectAsync(streamUrl);
        using var second = await DirectLineHost.ConnectAsync(streamUrl);
        await WaitUntilAsync(() => host.Channel.Diagnostics().Streams == 2);

        using var third = await DirectLineHost.ConnectAsync(streamUrl);

        // The server cuts the oldest socket (nothing was posted: only the cut ends this read).
        await Assert.ThrowsAsync<WebSocketException>(() => DirectLineHost.ReceiveActivitiesAsync(first, 1));
        await host.PostMessageAsync(conversationId, token, "hello");
        Assert.Equal(2, (await DirectLineHost.ReceiveActivitiesAsync(third, 2)).Count);
        Assert.Equal(2, (await DirectLineHost.ReceiveActivitiesAsync(second, 2)).Count);
        await WaitUntilAsync(() => host.Channel.Diagnostics().Streams == 2);
    }

    [Fact]
    public async Task Token_floods_socket_floods_and_large_posts_leave_the_channel_bounded()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?>
        {
            ["DirectLine:TokenRequestsPerClient"] = "1000", // the budget is another test's; here the channel's own bounds
            ["DirectLine:MaxConversations"] = "50",
        });
        for (var i = 0; i < 100; i++)
        {
            var (status, _) = await host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineHost.Secret);
            Assert.Equal(200, status);
        }

        host.Time.Advance(TimeSpan.FromSeconds(1));
        var (conversationId, token, _) = await host.StartConversationAsync();

        for (var i = 0; i < 100; i++)
        {
            var (status, refreshed) = await host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
            Assert.Equal(200, status);
            token = refreshed.GetProperty("token").GetString()!;
        }

        var (_, reconnect) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}", token);
        var streamUrl = reconnect.GetProperty("streamUrl").GetString()!;

        var sockets = new List<ClientWebSocket>();
        try
        {
            for (var i = 0; i < 100; i++)
            {
                sockets.Add(await DirectLineHost.ConnectAsync(streamUrl));
            }

            var big = new string('x', 200 * 1024);
            for (var i = 0; i < 20; i++)
            {
                var (status, _) = await host.PostMessageAsync(conversationId, token, big);
                Assert.Equal(200, status);
            }

            await WaitUntilAsync(() => host.Channel.Diagnostics().Streams <= 4);
            var counts = host.Channel.Diagnostics();
            Assert.True(counts.Conversations <= 50, $"conversations: {counts.Conversations}");
            Assert.True(counts.Tokens <= 50 * 4, $"tokens: {counts.Tokens}");
            Assert.True(counts.Streams <= 4, $"streams: {counts.Streams}");
            Assert.True(counts.HistoryBytes <= (50 * 256 * 1024) + (2 * 210 * 1024), $"history bytes: {counts.HistoryBytes}");

            using var fresh = await DirectLineHost.ConnectAsync(streamUrl);
            var firstFrame = await DirectLineHost.ReceiveFrameAsync(fresh);
            using var parsed = JsonDocument.Parse(firstFrame);
            Assert.Equal(1, parsed.RootElement.GetProperty("activities").GetArrayLength());
            Assert.True(Encoding.UTF8.GetByteCount(firstFrame) <= (256 * 1024) + 4096, $"first frame: {firstFrame.Length} chars");
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Abort();
                socket.Dispose();
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The condition did not hold within 10 seconds.");
            }

            await Task.Delay(20);
        }
    }
}
