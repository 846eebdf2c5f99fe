using CareBot.Protocol.Transcripts;

namespace CareBot.Protocol.Tests.Transcripts;

public sealed class InMemoryTranscriptStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Entries_are_read_back_per_conversation_in_append_order()
    {
        var store = new InMemoryTranscriptStore();
        await store.AppendAsync([new("webchat", "c1", At, "{\"n\":1}"), new("webchat", "c2", At, "{\"n\":2}"), new("webchat", "c1", At, "{\"n\":3}")], CancellationToken.None);
        await store.AppendAsync([new("webchat", "c1", At, "{\"n\":4}")], CancellationToken.None);

        var c1 = await store.ReadAsync("webchat", "c1", CancellationToken.None);

        Assert.Equal(["{\"n\":1}", "{\"n\":3}", "{\"n\":4}"], c1.Select(e => e.ActivityJson));
        Assert.Single(await store.ReadAsync("webchat", "c2", CancellationToken.None));
    }

    [Fact]
    public async Task The_same_conversation_id_on_another_channel_is_another_transcript()
    {
        var store = new InMemoryTranscriptStore();
        await store.AppendAsync([new("webchat", "c1", At, "{}")], CancellationToken.None);

        Assert.Empty(await store.ReadAsync("directline", "c1", CancellationToken.None));
    }
}
