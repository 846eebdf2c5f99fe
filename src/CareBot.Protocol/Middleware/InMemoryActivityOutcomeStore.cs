using Microsoft.Extensions.Options;

namespace CareBot.Protocol.Middleware;

/// <summary>
/// Remembers processed activities in this process only (one server, or tests). Bounded: entries older than
/// <see cref="DeduplicationOptions.Retention"/> are forgotten, and beyond <see cref="DeduplicationOptions.MaxEntries"/>
/// the oldest go first, so a flood of activities cannot exhaust memory.
/// </summary>
public sealed class InMemoryActivityOutcomeStore : IActivityOutcomeStore
{
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _retention;
    private readonly int _maxEntries;
    private readonly Lock _lock = new();
    private readonly Dictionary<ActivityKey, Entry> _entries = [];

    // Keys in the order they were first recorded, to forget the oldest first; a key whose entry was forgotten and
    // recorded again since is skipped when it reaches the front (its sequence number no longer matches).
    private readonly Queue<(ActivityKey Key, long Sequence)> _order = new();
    private long _nextSequence;

    public InMemoryActivityOutcomeStore(TimeProvider timeProvider, IOptions<DeduplicationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        _retention = options.Value.Retention;
        _maxEntries = options.Value.MaxEntries;
        ArgumentOutOfRangeException.ThrowIfLessThan(_maxEntries, 1, "options.MaxEntries");
    }

    /// <summary>How many activities are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public Task<StoredTurnOutcome?> FindAsync(ActivityKey key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Prune(_timeProvider.GetUtcNow());
            return Task.FromResult(_entries.TryGetValue(key, out var entry) ? entry.Outcome : null);
        }
    }

    public Task CompleteAsync(ActivityKey key, StoredTurnOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            Prune(now); // makes room before a new entry, so completions alone cannot grow the store past its cap
            // Retention counts from the first record (queue order), so recording again does not move the entry.
            var sequence = _entries.TryGetValue(key, out var entry) ? entry.Sequence : Enqueue(key);
            _entries[key] = new Entry(sequence, entry?.Since ?? now, outcome);
        }

        return Task.CompletedTask;
    }

    private long Enqueue(ActivityKey key)
    {
        var sequence = _nextSequence++;
        _order.Enqueue((key, sequence));
        return sequence;
    }

    private void Prune(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest))
        {
            var isCurrent = _entries.TryGetValue(oldest.Key, out var entry) && entry.Sequence == oldest.Sequence;
            if (isCurrent && now - entry!.Since < _retention && _entries.Count < _maxEntries)
            {
                return;
            }

            _order.Dequeue();
            if (isCurrent)
            {
                _entries.Remove(oldest.Key);
            }
        }
    }

    private sealed record Entry(long Sequence, DateTimeOffset Since, StoredTurnOutcome Outcome);
}
