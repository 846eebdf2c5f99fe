using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Channel;

namespace CareBot.Server.Tests.Observability;

/// <summary>
/// The care counters as Prometheus scrapes them from the real server: take-offline, outbox, hand-offs, cases and Direct
/// Line connections. Each test compares a scrape before and after what it does (the meter is process-wide).
/// </summary>
public sealed class CareMetricsTests
{
    private static readonly Dictionary<string, string?> FastOutbox = new()
    {
        ["Connector:MaxRetries"] = "0",
        ["Outbox:BaseDelay"] = "00:00:00.1",
        ["Outbox:MaxDelay"] = "00:00:00.2",
        ["Outbox:PollInterval"] = "00:00:00.1",
    };

    private static string UniqueChannel(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_public_complaint_counts_its_acknowledgment_the_take_offline_attempt_a_retry_and_the_opened_result()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var server = await CareBotTestServer.StartAsync(settings: FastOutbox);
        channel.FailNext(1, HttpStatusCode.InternalServerError, operation: ChannelOperation.CreateConversation);
        var channelId = UniqueChannel("offline");
        var before = await PrometheusScrape.ReadAsync(server.Client);

        await server.PostActivityAsync(Activities.Message("MY ORDER NEVER ARRIVED!!! This is a disgrace", channel.ServiceUrl, "wall-metrics", isGroup: true, channelId: channelId));
        await channel.WaitForCallsAsync(c => c.ConversationId?.StartsWith("dm-", StringComparison.Ordinal) == true, 1, TimeSpan.FromSeconds(30));
        var after = await WaitForAsync(server, scrape => scrape.Sum("carebot_take_offline_results_total", ("result", "opened")) > before.Sum("carebot_take_offline_results_total", ("result", "opened")));

        Assert.Equal(1, after.Sum("carebot_public_acknowledgments_total", ("channel", channelId)));
        Assert.Equal(1, after.Sum("carebot_take_offline_attempts_total", ("channel", channelId)));
        Assert.True(Delta(before, after, "carebot_outbox_retries_total", ("kind", "TakeOffline")) >= 1);
        Assert.True(Delta(before, after, "carebot_outbox_deliveries_total", ("kind", "TakeOffline")) >= 1);
    }

    [Fact]
    public async Task A_move_to_a_private_conversation_that_exhausts_its_attempts_counts_a_dead_letter_and_a_failed_result()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>(FastOutbox) { ["Outbox:MaxAttempts"] = "1" });
        channel.FailNext(1, HttpStatusCode.InternalServerError, operation: ChannelOperation.CreateConversation);
        var before = await PrometheusScrape.ReadAsync(server.Client);

        await server.PostActivityAsync(Activities.Message("MY ORDER NEVER ARRIVED!!! This is a disgrace", channel.ServiceUrl, "wall-dead", isGroup: true, channelId: UniqueChannel("dead")));
        var after = await WaitForAsync(server, scrape => Delta(before, scrape, "carebot_outbox_dead_letters_total", ("kind", "TakeOffline")) >= 1);

        Assert.True(Delta(before, after, "carebot_take_offline_results_total", ("result", "failed")) >= 1);
    }

    [Fact]
    public async Task A_hand_off_counts_by_queue_and_priority_and_the_case_counts_opened_claimed_and_resolved()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:ana"] = "key-of-ana",
            ["Outbox:Enabled"] = "false",
        });
        var before = await PrometheusScrape.ReadAsync(server.Client);

        await CareConversations.AskForAPersonAsync(server, "dm-metrics-case");
        using var list = await server.SendAsAgentAsync(HttpMethod.Get, "/api/cases", "key-of-ana");
        using var cases = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        var opened = cases.RootElement.GetProperty("cases")[0];
        var caseId = opened.GetProperty("id").GetString();
        (await server.SendAsAgentAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", "key-of-ana")).EnsureSuccessStatusCode();
        (await server.SendAsAgentAsync(HttpMethod.Post, $"/api/cases/{caseId}/resolve", "key-of-ana")).EnsureSuccessStatusCode();
        var queue = opened.GetProperty("queue").GetString()!;
        var priority = opened.GetProperty("priority").GetString()!;
        // The scrape endpoint caches its answer briefly, so read until the last transition shows.
        var after = await WaitForAsync(server, scrape => Delta(before, scrape, "carebot_cases_resolved_total") >= 1);

        Assert.True(Delta(before, after, "carebot_handoffs_total", ("queue", queue), ("priority", priority)) >= 1, after.Text);
        Assert.True(Delta(before, after, "carebot_cases_opened_total") >= 1);
        Assert.True(Delta(before, after, "carebot_cases_claimed_total") >= 1);
        Assert.True(Delta(before, after, "carebot_cases_resolved_total") >= 1);
    }

    [Fact]
    public async Task An_open_Direct_Line_stream_shows_as_a_connection()
    {
        const string Secret = "metrics-directline-secret";
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?> { ["DirectLine:Secret"] = Secret });
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        using var started = await server.Client.SendAsync(start);
        using var conversation = JsonDocument.Parse(await started.Content.ReadAsStringAsync());
        var streamUrl = conversation.RootElement.GetProperty("streamUrl").GetString()!;

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        var open = await WaitForAsync(server, scrape => scrape.Sum("carebot_directline_connections") >= 1);

        Assert.Contains("carebot_directline_connections", open.Text, StringComparison.Ordinal);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    private static double Delta(PrometheusScrape before, PrometheusScrape after, string metric, params (string Name, string Value)[] labels) =>
        after.Sum(metric, labels) - before.Sum(metric, labels);

    /// <summary>Scrapes until <paramref name="condition"/> holds (the outbox delivers in the background); fails after 30 s.</summary>
    private static async Task<PrometheusScrape> WaitForAsync(CareBotTestServer server, Func<PrometheusScrape, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var scrape = await PrometheusScrape.ReadAsync(server.Client);
            if (condition(scrape))
            {
                return scrape;
            }

            Assert.True(DateTime.UtcNow < deadline, "The metrics never showed the expected change:\n" + scrape.Text);
            await Task.Delay(100);
        }
    }
}
