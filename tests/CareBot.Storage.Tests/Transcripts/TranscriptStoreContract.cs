using CareBot.Protocol.Transcripts;
using CareBot.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Storage.Tests.Transcripts;

/// <summary>What every <see cref="ITranscriptStore"/> does, whatever the engine.</summary>
public abstract class TranscriptStoreContract(StorageFixture fixture)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    private ITranscriptStore Store => fixture.Get<ITranscriptStore>();

    private static TranscriptEntry Entry(string conversation, string text, DateTimeOffset timestamp, string channel = "msteams") =>
        new(channel, conversation, timestamp, $$"""{"type":"message","text":"{{text}}"}""");

    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Read_returns_entries_in_append_order_across_turns_not_by_timestamp()
    {
        var conversation = NewConversation();
        // Clocks of channel and bot disagree: the order must come from the append, not from the timestamps.
        await Store.AppendAsync([Entry(conversation, "hi", Noon), Entry(conversation, "hello", Noon.AddSeconds(-5))], CancellationToken.None);
        await Store.AppendAsync([Entry(conversation, "my order", Noon.AddMinutes(-1)), Entry(conversation, "sorry", Noon)], CancellationToken.None);

        var read = await Store.ReadAsync("msteams", conversation, CancellationToken.None);

        Assert.Equal(["hi", "hello", "my order", "sorry"], read.Select(TextOf));
    }

    [Fact]
    public async Task Each_conversation_reads_only_its_own_entries_in_order()
    {
        var (first, second) = (NewConversation(), NewConversation());
        await Store.AppendAsync([Entry(first, "a1", Noon)], CancellationToken.None);
        await Store.AppendAsync([Entry(second, "b1", Noon)], CancellationToken.None);
        await Store.AppendAsync([Entry(first, "a2", Noon)], CancellationToken.None);
        await Store.AppendAsync([Entry(first, "other channel", Noon, channel: "slack")], CancellationToken.None);
        await Store.AppendAsync([Entry(second, "b2", Noon)], CancellationToken.None);

        Assert.Equal(["a1", "a2"], (await Store.ReadAsync("msteams", first, CancellationToken.None)).Select(TextOf));
        Assert.Equal(["b1", "b2"], (await Store.ReadAsync("msteams", second, CancellationToken.None)).Select(TextOf));
        Assert.Equal(["other channel"], (await Store.ReadAsync("slack", first, CancellationToken.None)).Select(TextOf));
    }

    [Fact]
    public async Task An_unknown_conversation_has_an_empty_transcript()
    {
        Assert.Empty(await Store.ReadAsync("msteams", NewConversation(), CancellationToken.None));
    }

    [Fact]
    public async Task Entries_round_trip_with_their_fields_unicode_and_instant()
    {
        var conversation = NewConversation();
        var entry = new TranscriptEntry(
            "msteams",
            conversation,
            new DateTimeOffset(2026, 11, 2, 14, 15, 16, 789, TimeSpan.FromHours(2)),
            """{"type":"message","text":"J'attends depuis 3 semaines 😤 — 请帮帮我","channelData":{"x":[1,2,3]}}""");

        await Store.AppendAsync([entry], CancellationToken.None);

        var read = Assert.Single(await Store.ReadAsync("msteams", conversation, CancellationToken.None));
        Assert.Equal(entry.ChannelId, read.ChannelId);
        Assert.Equal(entry.ConversationId, read.ConversationId);
        Assert.Equal(entry.ActivityJson, read.ActivityJson);
        Assert.Equal(entry.Timestamp.UtcDateTime, read.Timestamp.UtcDateTime);
    }

    [Fact]
    public async Task Concurrent_appends_to_different_conversations_all_land()
    {
        var conversations = Enumerable.Range(0, 8).Select(_ => NewConversation()).ToList();

        await Task.WhenAll(conversations.Select(c => Task.Run(async () =>
        {
            for (var turn = 0; turn < 5; turn++)
            {
                await Store.AppendAsync([Entry(c, $"in{turn}", Noon), Entry(c, $"out{turn}", Noon)], CancellationToken.None);
            }
        })));

        foreach (var conversation in conversations)
        {
            var expected = Enumerable.Range(0, 5).SelectMany(t => new[] { $"in{t}", $"out{t}" });
            Assert.Equal(expected, (await Store.ReadAsync("msteams", conversation, CancellationToken.None)).Select(TextOf));
        }
    }

    [Fact]
    public async Task Transcripts_survive_reopening_the_store()
    {
        var conversation = NewConversation();
        await Store.AppendAsync([Entry(conversation, "kept", Noon)], CancellationToken.None);

        await using var reopened = fixture.Reopen();
        var read = await reopened.GetRequiredService<ITranscriptStore>().ReadAsync("msteams", conversation, CancellationToken.None);

        Assert.Equal(["kept"], read.Select(TextOf));
    }

    private static string TextOf(TranscriptEntry entry) =>
        System.Text.Json.JsonDocument.Parse(entry.ActivityJson).RootElement.GetProperty("text").GetString()!;
}
