using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace CareBot.Care.Cases;

/// <summary>
/// The in-memory <see cref="ICaseEventFeed"/>: one per process, so agents connected to another instance of a scaled-out
/// server don't see these events. It remembers the last <see cref="HistoryCapacity"/> entries, so a client that reconnects
/// with the last id it saw gets what it missed, as long as it was gone for fewer events than that.
/// </summary>
/// <remarks>
/// Each subscriber has its own bounded queue of <see cref="SubscriberCapacity"/> entries. A subscriber that reads slower
/// than cases change loses its OLDEST unread entries (the publisher never waits for a reader); it can tell from the gap in
/// the ids, and a reconnect with its last id fills the gap from the history if the entries are still there.
/// </remarks>
public sealed class CaseEventFeed : ICaseEventFeed
{
    public const int DefaultHistoryCapacity = 500;
    public const int DefaultSubscriberCapacity = 1_000;

    // One lock orders everything: ids, the history ring, and the writes to every subscriber's queue, so each subscriber
    // sees ids in increasing order and a new subscriber's replay ends exactly where its live entries begin.
    private readonly Lock gate = new();
    private readonly FeedEntry[] history;
    private readonly HashSet<Subscriber> subscribers = [];
    private int historyStart;
    private int historyCount;
    private long lastId;

    public CaseEventFeed(int historyCapacity = DefaultHistoryCapacity, int subscriberCapacity = DefaultSubscriberCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historyCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(subscriberCapacity, 1);
        history = new FeedEntry[historyCapacity];
        SubscriberCapacity = subscriberCapacity;
    }

    public int HistoryCapacity => history.Length;

    public int SubscriberCapacity { get; }

    /// <summary>How many subscriptions are open (for tests and diagnostics).</summary>
    public int SubscriberCount
    {
        get
        {
            lock (gate)
            {
                return subscribers.Count;
            }
        }
    }

    public void Publish(CaseEvent caseEvent)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);

        // Every stored case change is published here once, after its commit: the one place to count them.
        CaseMetrics.Count(caseEvent);
        lock (gate)
        {
            Remember(new FeedEntry(++lastId, caseEvent));
        }
    }

    /// <summary>
    /// Hands subscribers an entry numbered elsewhere (the shared feed of several instances numbers entries in the
    /// database) and remembers it; entries with an id not above the last one are ignored, so ids keep increasing.
    /// Unlike <see cref="Publish"/> it counts nothing: the instance that made the change counted it.
    /// </summary>
    public void Forward(FeedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            if (entry.Id <= lastId)
            {
                return;
            }

            lastId = entry.Id;
            Remember(entry);
        }
    }

    public IAsyncEnumerable<FeedEntry> SubscribeAsync(long? afterId, CancellationToken cancellationToken)
    {
        // Registered now, not on the first MoveNextAsync: a caller that subscribes and then reports "ready" (the HTTP
        // endpoint sends its headers) must not miss an event published in between.
        var subscriber = new Subscriber(Channel.CreateBounded<FeedEntry>(new BoundedChannelOptions(SubscriberCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true, // every write happens under the gate
        }));
        FeedEntry[] replay;
        lock (gate)
        {
            replay = afterId is { } after ? Remembered(after) : [];
            subscribers.Add(subscriber);
        }

        subscriber.Registration = cancellationToken.Register(() => Unsubscribe(subscriber));
        return ReadAsync(subscriber, replay, cancellationToken);
    }

    private async IAsyncEnumerable<FeedEntry> ReadAsync(
        Subscriber subscriber, FeedEntry[] replay, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            foreach (var entry in replay)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return entry;
            }

            var reader = subscriber.Queue.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var entry))
                {
                    yield return entry;
                }
            }
        }
        finally
        {
            Unsubscribe(subscriber);
        }
    }

    // Caller holds the gate: keeps the entry in the history ring and queues it for every subscriber.
    private void Remember(FeedEntry entry)
    {
        if (historyCount < history.Length)
        {
            history[(historyStart + historyCount++) % history.Length] = entry;
        }
        else
        {
            history[historyStart] = entry;
            historyStart = (historyStart + 1) % history.Length;
        }

        foreach (var subscriber in subscribers)
        {
            // DropOldest: TryWrite always succeeds on an open queue and never waits.
            subscriber.Queue.Writer.TryWrite(entry);
        }
    }

    // Caller holds the gate.
    private FeedEntry[] Remembered(long afterId)
    {
        var found = new List<FeedEntry>();
        for (var i = 0; i < historyCount; i++)
        {
            var entry = history[(historyStart + i) % history.Length];
            if (entry.Id > afterId)
            {
                found.Add(entry);
            }
        }

        return [.. found];
    }

    private void Unsubscribe(Subscriber subscriber)
    {
        lock (gate)
        {
            if (subscribers.Remove(subscriber))
            {
                subscriber.Queue.Writer.TryComplete();
            }
        }

        // Unregister, not Dispose: this may run inside the token's own callback.
        subscriber.Registration.Unregister();
    }

    private sealed class Subscriber(Channel<FeedEntry> queue)
    {
        public Channel<FeedEntry> Queue { get; } = queue;

        public CancellationTokenRegistration Registration { get; set; }
    }
}
