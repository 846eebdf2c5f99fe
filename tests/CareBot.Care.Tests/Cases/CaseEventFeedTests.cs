using CareBot.Care.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Care.Tests.Cases;

public sealed class CaseEventFeedTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    private static CaseEvent Event(int n, string caseId = "C-1001") => new(CaseEventNames.NoteAdded, caseId, At.AddSeconds(n), "note " + n);

    // Generous: guards against a hang, never measures speed.
    private static CancellationTokenSource Guard() => new(TimeSpan.FromSeconds(10));

    private static async Task<List<FeedEntry>> TakeAsync(IAsyncEnumerable<FeedEntry> feed, int count, CancellationToken cancellationToken)
    {
        var taken = new List<FeedEntry>();
        await foreach (var entry in feed.WithCancellation(cancellationToken))
        {
            taken.Add(entry);
            if (taken.Count == count)
            {
                break;
            }
        }

        return taken;
    }

    [Fact]
    public async Task A_subscriber_gets_the_events_published_after_it_subscribed_in_order_with_increasing_ids()
    {
        var feed = new CaseEventFeed();
        feed.Publish(Event(0));
        using var guard = Guard();

        var subscription = feed.SubscribeAsync(afterId: null, guard.Token);
        feed.Publish(Event(1));
        feed.Publish(Event(2));
        feed.Publish(Event(3));
        var taken = await TakeAsync(subscription, 3, guard.Token);

        Assert.Equal([2L, 3L, 4L], taken.Select(e => e.Id));
        Assert.Equal([Event(1), Event(2), Event(3)], taken.Select(e => e.Event));
    }

    [Fact]
    public async Task A_reconnect_after_an_id_replays_the_remembered_entries_after_it_then_live_ones()
    {
        var feed = new CaseEventFeed();
        for (var n = 1; n <= 5; n++)
        {
            feed.Publish(Event(n));
        }

        using var guard = Guard();
        var subscription = feed.SubscribeAsync(afterId: 3, guard.Token);
        feed.Publish(Event(6));
        var taken = await TakeAsync(subscription, 3, guard.Token);

        Assert.Equal([4L, 5L, 6L], taken.Select(e => e.Id));
        Assert.Equal("note 4", taken[0].Event.Detail);
    }

    [Fact]
    public async Task The_history_remembers_only_the_last_entries_up_to_its_capacity()
    {
        var feed = new CaseEventFeed(historyCapacity: 3);
        for (var n = 1; n <= 7; n++)
        {
            feed.Publish(Event(n));
        }

        using var guard = Guard();
        var subscription = feed.SubscribeAsync(afterId: 0, guard.Token);
        feed.Publish(Event(8));
        var taken = await TakeAsync(subscription, 4, guard.Token);

        Assert.Equal([5L, 6L, 7L, 8L], taken.Select(e => e.Id));
    }

    [Fact]
    public async Task An_id_from_before_a_restart_replays_nothing_but_live_entries_still_arrive()
    {
        var feed = new CaseEventFeed();
        feed.Publish(Event(1));
        using var guard = Guard();

        var subscription = feed.SubscribeAsync(afterId: 9_000, guard.Token);
        feed.Publish(Event(2));
        var taken = await TakeAsync(subscription, 1, guard.Token);

        Assert.Equal(2L, Assert.Single(taken).Id);
    }

    [Fact]
    public async Task A_slow_subscriber_loses_its_oldest_unread_entries_and_the_publisher_never_waits()
    {
        var feed = new CaseEventFeed(subscriberCapacity: 3);
        using var guard = Guard();
        var slow = feed.SubscribeAsync(afterId: null, guard.Token);

        for (var n = 1; n <= 10; n++)
        {
            feed.Publish(Event(n)); // would block forever here if the publisher waited for the reader
        }

        var taken = await TakeAsync(slow, 3, guard.Token);
        Assert.Equal([8L, 9L, 10L], taken.Select(e => e.Id));
    }

    [Fact]
    public async Task Events_published_from_many_threads_each_arrive_once_with_ids_in_order()
    {
        const int threads = 8;
        const int perThread = 500;
        var feed = new CaseEventFeed(subscriberCapacity: threads * perThread);
        using var guard = Guard();
        var subscription = feed.SubscribeAsync(afterId: null, guard.Token);

        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            for (var n = 0; n < perThread; n++)
            {
                feed.Publish(Event(n, caseId: "C-" + t));
            }
        })));
        var taken = await TakeAsync(subscription, threads * perThread, guard.Token);

        Assert.Equal(Enumerable.Range(1, threads * perThread).Select(i => (long)i), taken.Select(e => e.Id));
        foreach (var byCase in taken.GroupBy(e => e.Event.CaseId))
        {
            // Each thread's events keep the order that thread published them in.
            Assert.Equal(Enumerable.Range(0, perThread).Select(n => "note " + n), byCase.Select(e => e.Event.Detail));
        }
    }

    [Fact]
    public async Task Cancelling_ends_the_enumeration_and_the_subscription()
    {
        var feed = new CaseEventFeed();
        using var stop = new CancellationTokenSource();
        using var guard = Guard();
        var reading = TakeAsync(feed.SubscribeAsync(afterId: null, stop.Token), 10, guard.Token);
        feed.Publish(Event(1));

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.Equal(0, feed.SubscriberCount);
    }

    [Fact]
    public async Task A_subscription_never_enumerated_ends_when_its_token_is_cancelled()
    {
        var feed = new CaseEventFeed();
        using var stop = new CancellationTokenSource();
        _ = feed.SubscribeAsync(afterId: null, stop.Token);
        Assert.Equal(1, feed.SubscriberCount);

        await stop.CancelAsync();

        Assert.Equal(0, feed.SubscriberCount);
    }

    [Fact]
    public async Task Leaving_the_enumeration_early_ends_the_subscription()
    {
        var feed = new CaseEventFeed();
        using var guard = Guard();
        var subscription = feed.SubscribeAsync(afterId: null, guard.Token);
        feed.Publish(Event(1));

        await TakeAsync(subscription, 1, guard.Token);

        Assert.Equal(0, feed.SubscriberCount);
    }

    [Fact]
    public async Task Publishing_with_no_subscribers_still_remembers_the_entries()
    {
        var feed = new CaseEventFeed(historyCapacity: 2);
        for (var n = 1; n <= 100; n++)
        {
            feed.Publish(Event(n));
        }

        using var guard = Guard();
        var subscription = feed.SubscribeAsync(afterId: 0, guard.Token);
        var taken = await TakeAsync(subscription, 2, guard.Token);

        Assert.Equal([99L, 100L], taken.Select(e => e.Id));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    public void Capacities_below_one_are_refused(int history, int subscriber)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CaseEventFeed(history, subscriber));
    }

    [Fact]
    public void The_feed_is_registered_once_as_a_singleton()
    {
        var services = new ServiceCollection();
        services.AddCareBotCaseFeed();
        services.AddCareBotCaseFeed();
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(ICaseEventFeed));
        Assert.Same(provider.GetRequiredService<ICaseEventFeed>(), provider.GetRequiredService<ICaseEventFeed>());
    }
}
