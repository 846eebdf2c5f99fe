using System.Collections.Concurrent;

namespace CareBot.Care.Bot;

/// <summary>
/// The per-channel counter that rotates the variants of public replies, so that no two consecutive public replies on a
/// channel read the same, whichever conversations they answer (each conversation alone would start at the same
/// variant). Kept in memory per process: after a restart, or across several instances, the rotation restarts or
/// interleaves, which can at worst repeat a text once; nothing else depends on it.
/// </summary>
public sealed class PublicReplyRotation
{
    private readonly ConcurrentDictionary<string, StrongBox> counters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The next value for a channel (0, 1, 2...); each public turn takes one.</summary>
    public int Next(string channelId)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        var box = counters.GetOrAdd(channelId, _ => new StrongBox());

        // Wraps to 0 rather than going negative after int.MaxValue turns.
        return (int)((uint)Interlocked.Increment(ref box.Value) - 1 & int.MaxValue);
    }

    private sealed class StrongBox
    {
        public int Value;
    }
}
