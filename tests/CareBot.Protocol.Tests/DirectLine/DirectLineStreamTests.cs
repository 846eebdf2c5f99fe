using System.Net.WebSockets;
using CareBot.Testing.Turns;

namespace CareBot.Protocol.Tests.DirectLine;

public sealed class DirectLineStreamTests
{
    [Fact]
    public async Task The_stream_delivers_the_echo_and_the_reply_as_activity_sets()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, streamUrl) = await host.StartConversationAsync();
        using var socket = await DirectLineHost.ConnectAsync(streamUrl);

        await host.PostMessageAsync(conversationId, token, "over the socket", clientActivityId: "c-7");
        var activities = await DirectLineHost.ReceiveActivitiesAsync(socket, 2);

        Assert.Equal("c-7", activities[0].GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal(conversationId + "|0000000", activities[0].GetProperty("id").GetString());
        Assert.Equal("echo: over the socket", activities[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Reconnecting_with_a_watermark_replays_only_what_was_missed()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, streamUrl) = await host.StartConversationAsync();
        using (var first = await DirectLineHost.ConnectAsync(streamUrl))
        {
            await host.PostMessageAsync(conversationId, token, "one");
            await DirectLineHost.ReceiveActivitiesAsync(first, 2);
            await first.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }

        await host.PostMessageAsync(conversationId, token, "two");
        var (_, reconnect) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark=2", token);
        using var second = await DirectLineHost.ConnectAsync(reconnect.GetProperty("streamUrl").GetString()!);
        var replayed = await DirectLineHost.ReceiveActivitiesAsync(second, 2);

        Assert.Equal(["two", "echo: two"], replayed.Select(a => a.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task The_stream_refuses_a_bad_token_and_a_plain_http_request()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, _) = await host.StartConversationAsync();

        var (plainStatus, plain) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/stream?t={token}", null);
        using var socket = new ClientWebSocket();
        var badUrl = new Uri($"ws://127.0.0.1:{host.BaseAddress.Port}/v3/directline/conversations/{conversationId}/stream?t=bad");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(badUrl, CancellationToken.None));

        Assert.Equal(400, plainStatus);
        Assert.Equal("NotWebSocket", plain.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vanished_client_does_not_stall_the_bot()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, streamUrl) = await host.StartConversationAsync();
        var socket = await DirectLineHost.ConnectAsync(streamUrl);
        socket.Abort();
        socket.Dispose();

        for (var i = 0; i < 5; i++)
        {
            var (status, _) = await host.PostMessageAsync(conversationId, token, "still there? " + i).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(200, status);
        }

        var (activities, _) = await host.GetActivitiesAsync(conversationId, token);
        Assert.Equal(10, activities.Length);
    }

    [Fact]
    public async Task A_client_that_never_reads_is_dropped_and_the_bot_keeps_answering()
    {
        // Large replies fill the socket buffers, the send loop blocks, the small queue overflows: the socket is dropped.
        var messageTurns = 0;
        var bot = new DelegateBot(async (turn, ct) =>
        {
            if (turn.Activity.Type == "message")
            {
                Interlocked.Increment(ref messageTurns);
                await turn.SendActivityAsync(new string('r', 200_000), ct);
            }
        });
        await using var host = await DirectLineHost.StartAsync(bot, new Dictionary<string, string?> { ["DirectLine:StreamQueueLength"] = "2" });
        var (conversationId, token, streamUrl) = await host.StartConversationAsync();
        using var silent = await DirectLineHost.ConnectAsync(streamUrl);

        for (var i = 0; i < 60; i++)
        {
            var (status, _) = await host.PostMessageAsync(conversationId, token, "m" + i).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(200, status);
        }

        Assert.Equal(60, messageTurns);
        // The server cut the socket: reading what was buffered meets a broken connection, not a 30-second silence.
        await Assert.ThrowsAsync<WebSocketException>(() => DirectLineHost.ReceiveActivitiesAsync(silent, int.MaxValue));
    }

    [Fact]
    public async Task An_idle_stream_gets_empty_keep_alive_frames()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?> { ["DirectLine:StreamKeepAliveInterval"] = "00:00:15" });
        var (_, _, streamUrl) = await host.StartConversationAsync();
        using var socket = await DirectLineHost.ConnectAsync(streamUrl);
        var buffer = new byte[1024];

        // The server's clock is a fake one: move it on until the send loop's keep-alive timer fires.
        var receiving = socket.ReceiveAsync(buffer, CancellationToken.None);
        for (var attempt = 0; attempt < 200 && !receiving.IsCompleted; attempt++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(15));
            await Task.WhenAny(receiving, Task.Delay(50));
        }

        var frame = await receiving.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(WebSocketMessageType.Text, frame.MessageType);
        Assert.Equal(0, frame.Count);
        Assert.True(frame.EndOfMessage);
    }
}
