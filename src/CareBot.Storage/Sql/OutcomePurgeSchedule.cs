namespace CareBot.Storage.Sql;

/// <summary>
/// Decides when an outcome store purges expired rows: at most once per <see cref="Interval"/> per process, piggybacked
/// on a completion, a bounded batch at a time. A steady trickle of completions thus keeps the table near its
/// retention size without a background job.
/// </summary>
internal sealed class OutcomePurgeSchedule(TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>The most rows one purge deletes, so that a completion never waits on a large delete.</summary>
    public const int BatchSize = 500;

    private long _nextPurgeTicks;

    /// <summary>True when a purge is due; the caller that gets true does it, concurrent callers get false.</summary>
    public bool TryTakeTurn()
    {
        var now = time.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextPurgeTicks);
        return now >= next && Interlocked.CompareExchange(ref _nextPurgeTicks, now + Interval.Ticks, next) == next;
    }
}
