using System.Net;
using System.Text.Json;
using CareBot.Care.Cases;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareBot.Server.Tests.Agents;

/// <summary>The agents' live case feed (Server-Sent Events) over real HTTP, fed through the server's own feed singleton.</summary>
public sealed class CaseFeedTests : IAsyncLifetime, IDisposable
{
    private const string Key = "key-of-ana";
    private static readonly DateTimeOffset At = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
    private readonly CollectingLoggerProvider logs = new();
    private CareBotTestServer server = null!;

    private ICaseEventFeed Feed => server.Services.GetRequiredService<ICaseEventFeed>();

    public async Task InitializeAsync() => server = await CareBotTestServer.StartAsync(
        settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:ana"] = Key,
            ["Logging:LogLevel:CareBot.Server.Endpoints"] = "Debug", // the feed's opened/closed entries
        },
        configure: builder => builder.Logging.AddProvider(logs));

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => logs.Dispose();

    // Generous: guards against a hang, never measures speed.
    private static CancellationTokenSource Guard() => new(TimeSpan.FromSeconds(10));

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    public async Task Without_a_valid_agent_key_the_feed_is_401(string? key)
    {
        using var response = await OpenAsync("/api/cases/feed", key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Agents:ApiKeys", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Published_events_arrive_in_order_as_server_sent_events()
    {
        using var guard = Guard();
        using var response = await OpenAsync("/api/cases/feed", Key, cancellationToken: guard.Token);
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync(guard.Token));

        Feed.Publish(new CaseEvent(CaseEventNames.Queued, "C-1001", At, "care"));
        Feed.Publish(new CaseEvent(CaseEventNames.Assigned, "C-1001", At.AddMinutes(1), "ana"));
        Feed.Publish(new CaseEvent(CaseEventNames.NoteAdded, "C-1001", At.AddMinutes(2)));
        var first = await stream.ReadEventAsync(guard.Token);
        var second = await stream.ReadEventAsync(guard.Token);
        var third = await stream.ReadEventAsync(guard.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Equal("no", Assert.Single(response.Headers.GetValues("X-Accel-Buffering")));
        Assert.Equal(
            $"id: {first.Id}\nevent: case.queued\ndata: {{\"name\":\"case.queued\",\"caseId\":\"C-1001\",\"at\":\"2026-11-22T09:30:00+00:00\",\"detail\":\"care\"}}\n",
            first.Raw);
        Assert.Equal([first.Id + 1, first.Id + 2], new[] { second.Id, third.Id });
        Assert.Equal(["case.assigned", "case.note_added"], new[] { second.Name, third.Name });
        using var data = JsonDocument.Parse(third.Data);
        Assert.Equal("C-1001", data.RootElement.GetProperty("caseId").GetString());
        Assert.Equal(JsonValueKind.Null, data.RootElement.GetProperty("detail").ValueKind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_reconnect_with_the_last_event_id_first_gets_what_it_missed(bool asQuery)
    {
        using var guard = Guard();
        long lastSeen;
        using (var first = await OpenAsync("/api/cases/feed", Key, cancellationToken: guard.Token))
        {
            using var stream = new SseReader(await first.Content.ReadAsStreamAsync(guard.Token));
            Feed.Publish(new CaseEvent(CaseEventNames.Queued, "C-1001", At));
            lastSeen = (await stream.ReadEventAsync(guard.Token)).Id;
        }

        Feed.Publish(new CaseEvent(CaseEventNames.Assigned, "C-1001", At, "missed 1"));
        Feed.Publish(new CaseEvent(CaseEventNames.NoteAdded, "C-1001", At, "missed 2"));
        using var again = asQuery
            ? await OpenAsync($"/api/cases/feed?lastEventId={lastSeen}", Key, cancellationToken: guard.Token)
            : await OpenAsync("/api/cases/feed", Key, lastEventId: lastSeen.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: guard.Token);
        using var replay = new SseReader(await again.Content.ReadAsStreamAsync(guard.Token));
        Feed.Publish(new CaseEvent(CaseEventNames.Resolved, "C-1001", At, "live"));

        var received = new[] { await replay.ReadEventAsync(guard.Token), await replay.ReadEventAsync(guard.Token), await replay.ReadEventAsync(guard.Token) };
        Assert.Equal([lastSeen + 1, lastSeen + 2, lastSeen + 3], received.Select(e => e.Id));
        Assert.Equal(["case.assigned", "case.note_added", "case.resolved"], received.Select(e => e.Name));
    }

    [Fact]
    public async Task The_case_filter_passes_only_that_cases_events()
    {
        using var guard = Guard();
        using var response = await OpenAsync("/api/cases/feed?caseId=C-2002", Key, cancellationToken: guard.Token);
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync(guard.Token));

        Feed.Publish(new CaseEvent(CaseEventNames.Queued, "C-1001", At));
        Feed.Publish(new CaseEvent(CaseEventNames.Queued, "C-2002", At));
        Feed.Publish(new CaseEvent(CaseEventNames.Assigned, "C-1001", At));
        Feed.Publish(new CaseEvent(CaseEventNames.Assigned, "C-2002", At));
        var first = await stream.ReadEventAsync(guard.Token);
        var second = await stream.ReadEventAsync(guard.Token);

        Assert.Equal(["case.queued", "case.assigned"], new[] { first.Name, second.Name });
        Assert.All([first, second], e => Assert.Contains("\"caseId\":\"C-2002\"", e.Data, StringComparison.Ordinal));
        Assert.Equal(first.Id + 2, second.Id); // ids stay the feed's, so a filtered client can still reconnect with them
    }

    [Theory]
    [InlineData("seven")]
    [InlineData("-1")]
    public async Task A_last_event_id_that_is_not_one_of_ours_is_400(string lastEventId)
    {
        using var response = await OpenAsync("/api/cases/feed", Key, lastEventId);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadLastEventId", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_agent_who_disconnects_leaves_the_server_healthy_and_nothing_is_logged_as_an_error()
    {
        using var guard = Guard();
        using (var response = await OpenAsync("/api/cases/feed", Key, cancellationToken: guard.Token))
        {
            using var stream = new SseReader(await response.Content.ReadAsStreamAsync(guard.Token));
            Feed.Publish(new CaseEvent(CaseEventNames.Queued, "C-1001", At));
            await stream.ReadEventAsync(guard.Token);
        }

        while (!logs.Entries.Any(e => e.EventId == 5102))
        {
            await Task.Delay(20, guard.Token); // until the server has seen the disconnect and closed the feed
        }

        Feed.Publish(new CaseEvent(CaseEventNames.Assigned, "C-1001", At));
        using var again = await OpenAsync("/api/cases/feed", Key, cancellationToken: guard.Token);
        using var stream2 = new SseReader(await again.Content.ReadAsStreamAsync(guard.Token));
        Feed.Publish(new CaseEvent(CaseEventNames.Resolved, "C-1001", At));
        Assert.Equal("case.resolved", (await stream2.ReadEventAsync(guard.Token)).Name);
        using var health = await server.Client.GetAsync(new Uri("/healthz", UriKind.Relative), guard.Token);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Equal(1, ((CaseEventFeed)Feed).SubscriberCount); // only the second stream is still subscribed
    }

    [Fact]
    public async Task An_idle_stream_gets_keep_alive_comments()
    {
        await server.DisposeAsync();
        server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:ana"] = Key,
            ["CaseFeed:KeepAliveInterval"] = "00:00:00.050",
        });
        using var guard = Guard();
        using var response = await OpenAsync("/api/cases/feed", Key, cancellationToken: guard.Token);
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync(guard.Token));

        var block = await stream.ReadBlockAsync(guard.Token);

        Assert.Equal(": keep-alive\n", block);
    }

    [Fact]
    public async Task When_the_server_stops_an_open_feed_ends_instead_of_holding_up_the_shutdown()
    {
        using var guard = Guard();
        using var response = await OpenAsync("/api/cases/feed", Key, cancellationToken: guard.Token);
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync(guard.Token));

        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        await Assert.ThrowsAsync<EndOfStreamException>(() => stream.ReadEventAsync(guard.Token));
    }

    private async Task<HttpResponseMessage> OpenAsync(string path, string? key, string? lastEventId = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        }

        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        return await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>One event off the stream: its lines as sent (each ending in \n), and the fields it had.</summary>
    private sealed record SseEvent(string Raw, long Id, string Name, string Data);

    /// <summary>Reads an SSE stream block by block (a block ends with an empty line).</summary>
    private sealed class SseReader(Stream stream) : IDisposable
    {
        private readonly StreamReader reader = new(stream);

        public async Task<string> ReadBlockAsync(CancellationToken cancellationToken)
        {
            var block = new System.Text.StringBuilder();
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0)
                {
                    return block.ToString();
                }

                block.Append(line).Append('\n');
            }

            throw new EndOfStreamException("The feed ended; what came last: " + block);
        }

        /// <summary>The next event, passing over keep-alive comments.</summary>
        public async Task<SseEvent> ReadEventAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var block = await ReadBlockAsync(cancellationToken);
                if (block.StartsWith(':'))
                {
                    continue;
                }

                var fields = block.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(line => line.Split(": ", 2))
                    .ToDictionary(parts => parts[0], parts => parts[1]);
                return new SseEvent(block, long.Parse(fields["id"], System.Globalization.CultureInfo.InvariantCulture), fields["event"], fields["data"]);
            }
        }

        public void Dispose() => reader.Dispose();
    }
}
