namespace CareBot.Protocol.Transcripts;

/// <summary>
/// Keeps transcripts in this process only: for tests and local development. Everything is lost on restart and nothing is
/// ever forgotten, so production uses the storage project's store.
/// </summary>
public sealed class InMemoryTranscriptStore : ITranscriptStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string ChannelId, string ConversationId), List<TranscriptEntry>> _conversations = [];

    public Task AppendAsync(IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                var key = (entry.ChannelId, entry.ConversationId);
                if (!_conversations.TryGetValue(key, out var list))
                {
                    list = [];
                    _conversations[key] = list;
                }

                list.Add(entry);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<TranscriptEntry> result = _conversations.TryGetValue((channelId, conversationId), out var list)
                ? list.ToArray()
                : [];
            return Task.FromResult(result);
        }
    }
}
