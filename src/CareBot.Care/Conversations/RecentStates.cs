using System.Collections.Concurrent;
using CareBot.Care.Stores;

namespace CareBot.Care.Conversations;

/// <summary>
/// The conversation states this process committed last, kept parsed: the next turn of a conversation takes its state
/// from here instead of parsing the stored JSON again (6% of a loaded turn's CPU, measured with perf). An entry counts only
/// while its ETag is the stored one, so a state that anything else wrote since (another turn, the agents' console,
/// another server instance) is parsed from its JSON as before. States are immutable records, so two turns of one
/// conversation may share one.
/// </summary>
internal sealed class RecentStates(int capacity)
{
    /// <summary>A parsed 3.4 KB state takes about 10 KB: 1,024 of them, the conversations active now, about 10 MB.</summary>
    public const int DefaultCapacity = 1024;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> oldestFirst = new();

    public RecentStates()
        : this(DefaultCapacity)
    {
    }

    /// <summary>The stored state, parsed: the kept object when it is the one stored (same ETag), else from its JSON.</summary>
    public CareConversationState Read(StateRecord record) =>
        entries.TryGetValue(record.Key, out var entry) && string.Equals(entry.ETag, record.ETag, StringComparison.Ordinal)
            ? entry.State
            : CareConversationState.FromJson(record.Utf8Json.Span);

    /// <summary>Keeps <paramref name="state"/> as the parsed form of <paramref name="written"/>, just committed.</summary>
    public void Remember(StateRecord written, CareConversationState state)
    {
        if (entries.TryAdd(written.Key, new Entry(written.ETag, state)))
        {
            oldestFirst.Enqueue(written.Key);
            while (entries.Count > capacity && oldestFirst.TryDequeue(out var oldest))
            {
                entries.TryRemove(oldest, out _);
            }
        }
        else
        {
            // Two commits of one conversation may remember out of order; the older ETag then simply never matches.
            entries[written.Key] = new Entry(written.ETag, state);
        }
    }

    private sealed record Entry(string ETag, CareConversationState State);
}
