using System.Text.Json;
using CareBot.Protocol.Auth;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Tests.Schema;
using CareBot.Protocol.Transcripts;
using CareBot.Protocol.Turns;
using CareBot.Testing.Turns;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CareBot.Protocol.Tests.Transcripts;

public sealed class TranscriptMiddlewareTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 14, 30, 0, TimeSpan.Zero));
    private readonly RecordingConnectorClient _connector = new();

    private static Activity Inbound(string? deliveryMode = null)
    {
        var activity = ActivityJson.Deserialize<Activity>(ChannelSamples.FacebookMessage)!;
        activity.DeliveryMode = deliveryMode;
        return activity;
    }

    private async Task RunTurnAsync(ITranscriptStore store, Activity inbound, IBot bot)
    {
        var pipeline = new TurnPipeline([new TranscriptMiddleware(store, _time, NullLogger<TranscriptMiddleware>.Instance)], bot);
        await pipeline.RunAsync(new TurnContext(inbound, ChannelIdentity.Anonymous, _connector), CancellationToken.None);
    }

    private static DelegateBot TwoReplies() => new DelegateBot(async (turn, ct) =>
    {
        await turn.SendActivityAsync("first", ct);
        await turn.SendActivityAsync(new Activity { Type = ActivityTypes.Typing }, ct);
        await turn.SendActivityAsync("second", ct);
    });

    private static JsonElement Json(TranscriptEntry entry) => JsonDocument.Parse(entry.ActivityJson).RootElement;

    [Fact]
    public async Task The_inbound_activity_and_then_the_replies_are_recorded_in_send_order()
    {
        var store = new InMemoryTranscriptStore();

        await RunTurnAsync(store, Inbound(), TwoReplies());

        var entries = await store.ReadAsync("facebook", "2468013579246801-1357924680135792", CancellationToken.None);
        Assert.Equal(["still waiting for my order #A-10293", "first", null, "second"],
            entries.Select(e => Json(e).TryGetProperty("text", out var t) ? t.GetString() : null));
        Assert.Equal(["user", "bot", "bot", "bot"], entries.Select(e => Json(e).GetProperty("from").GetProperty("role").GetString()));
        Assert.Equal(["m_AbCdEfGhIjKlMnOp", "sent-1", "sent-2", "sent-3"], entries.Select(e => Json(e).GetProperty("id").GetString()));
    }

    [Fact]
    public async Task One_turn_is_one_append()
    {
        var store = new Mock<ITranscriptStore>();
        var appended = new List<IReadOnlyList<TranscriptEntry>>();
        store.Setup(s => s.AppendAsync(It.IsAny<IReadOnlyList<TranscriptEntry>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyList<TranscriptEntry>, CancellationToken>((entries, _) => appended.Add(entries))
            .Returns(Task.CompletedTask);

        await RunTurnAsync(store.Object, Inbound(), TwoReplies());

        Assert.Equal(4, Assert.Single(appended).Count);
    }

    [Fact]
    public async Task The_inbound_record_keeps_unknown_fields_and_the_channel_timestamp()
    {
        var store = new InMemoryTranscriptStore();

        await RunTurnAsync(store, Inbound(), new DelegateBot((_, _) => Task.CompletedTask));

        var entry = Assert.Single(await store.ReadAsync("facebook", "2468013579246801-1357924680135792", CancellationToken.None));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 14, 6, 42, 907, TimeSpan.Zero), entry.Timestamp);
        Assert.Equal(1732284402907, Json(entry).GetProperty("channelData").GetProperty("timestamp").GetInt64());
    }

    [Fact]
    public async Task An_existing_inbound_role_is_kept()
    {
        var store = new InMemoryTranscriptStore();
        var inbound = Inbound();
        inbound.From!.Role = "skill";

        await RunTurnAsync(store, inbound, new DelegateBot((_, _) => Task.CompletedTask));

        var entry = Assert.Single(await store.ReadAsync("facebook", inbound.Conversation!.Id!, CancellationToken.None));
        Assert.Equal("skill", Json(entry).GetProperty("from").GetProperty("role").GetString());
    }

    [Fact]
    public async Task Buffered_expectReplies_activities_are_recorded_with_generated_ids_and_the_clock_time()
    {
        var store = new InMemoryTranscriptStore();

        await RunTurnAsync(store, Inbound(DeliveryModes.ExpectReplies), TwoReplies());

        var entries = await store.ReadAsync("facebook", "2468013579246801-1357924680135792", CancellationToken.None);
        Assert.Equal(4, entries.Count);
        Assert.Empty(_connector.Calls);
        Assert.All(entries.Skip(1), e => Assert.StartsWith("g_", Json(e).GetProperty("id").GetString(), StringComparison.Ordinal));
        Assert.All(entries.Skip(1), e => Assert.Equal("2026-11-22T14:30:00Z", Json(e).GetProperty("timestamp").GetString()));
    }

    [Fact]
    public async Task A_failed_turn_is_not_recorded_so_its_retry_is_not_recorded_twice()
    {
        var store = new InMemoryTranscriptStore();

        await Assert.ThrowsAsync<InvalidOperationException>(() => RunTurnAsync(store, Inbound(), new DelegateBot((_, _) => throw new InvalidOperationException("boom"))));

        Assert.Empty(await store.ReadAsync("facebook", "2468013579246801-1357924680135792", CancellationToken.None));
    }

    [Fact]
    public async Task A_transcript_store_failure_does_not_fail_the_turn()
    {
        var store = new Mock<ITranscriptStore>();
        store.Setup(s => s.AppendAsync(It.IsAny<IReadOnlyList<TranscriptEntry>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("disk full"));

        await RunTurnAsync(store.Object, Inbound(), TwoReplies());

        Assert.Equal(3, _connector.Calls.Count);
    }

    [Fact]
    public async Task Recording_does_not_change_the_live_activities()
    {
        var store = new InMemoryTranscriptStore();
        var inbound = Inbound();

        await RunTurnAsync(store, inbound, new DelegateBot((_, _) => Task.CompletedTask));

        Assert.Null(inbound.From!.Role);
    }
}
