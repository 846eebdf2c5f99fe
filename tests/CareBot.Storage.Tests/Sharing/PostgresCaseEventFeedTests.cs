using CareBot.Care.Cases;
using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Sharing;

/// <summary>Two sets of services on one PostgreSQL database stand for two server processes behind a load balancer.</summary>
public sealed class PostgresCaseEventFeedTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_event_published_on_one_instance_reaches_agents_on_every_instance_with_the_same_id()
    {
        await using var a = await StartInstanceAsync();
        await using var b = await StartInstanceAsync();
        using var stop = new CancellationTokenSource(Patience);
        await using var onA = a.Get<ICaseEventFeed>().SubscribeAsync(null, stop.Token).GetAsyncEnumerator(stop.Token);
        await using var onB = b.Get<ICaseEventFeed>().SubscribeAsync(null, stop.Token).GetAsyncEnumerator(stop.Token);

        a.Get<ICaseEventFeed>().Publish(new CaseEvent(CaseEventNames.Assigned, "C-A1", DateTimeOffset.UtcNow, "agent-ann"));

        Assert.True(await onA.MoveNextAsync());
        Assert.True(await onB.MoveNextAsync());
        Assert.Equal(onA.Current.Id, onB.Current.Id);
        Assert.Equal(new CaseEvent(CaseEventNames.Assigned, "C-A1", onB.Current.Event.At, "agent-ann"), onB.Current.Event);
    }

    [Fact]
    public async Task Events_published_on_two_instances_at_once_reach_a_third_in_increasing_id_order_without_gaps()
    {
        await using var a = await StartInstanceAsync();
        await using var b = await StartInstanceAsync();
        await using var watcher = await StartInstanceAsync();
        using var stop = new CancellationTokenSource(Patience);
        await using var feed = watcher.Get<ICaseEventFeed>().SubscribeAsync(null, stop.Token).GetAsyncEnumerator(stop.Token);

        var publishing = Enumerable.Range(0, 100).Select(i => Task.Run(() =>
            (i % 2 == 0 ? a : b).Get<ICaseEventFeed>().Publish(new CaseEvent(CaseEventNames.Created, $"C-M{i}", DateTimeOffset.UtcNow))));
        await Task.WhenAll(publishing);

        var seen = new List<FeedEntry>();
        while (seen.Count < 100 && await feed.MoveNextAsync())
        {
            seen.Add(feed.Current);
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"C-M{i}").Order(), seen.Select(e => e.Event.CaseId).Order());
        Assert.Equal(seen.Select(e => e.Id).Order(), seen.Select(e => e.Id));
        Assert.Equal(99, seen[^1].Id - seen[0].Id);
    }

    [Fact]
    public async Task A_client_that_reconnects_to_another_instance_with_its_last_event_id_gets_what_it_missed_then_live_events()
    {
        await using var a = await StartInstanceAsync();
        await using var b = await StartInstanceAsync();
        using var stop = new CancellationTokenSource(Patience);
        var seenOnA = new List<FeedEntry>();
        await using (var onA = a.Get<ICaseEventFeed>().SubscribeAsync(null, stop.Token).GetAsyncEnumerator(stop.Token))
        {
            foreach (var id in new[] { "C-R1", "C-R2", "C-R3" })
            {
                a.Get<ICaseEventFeed>().Publish(new CaseEvent(CaseEventNames.Created, id, DateTimeOffset.UtcNow));
            }

            while (seenOnA.Count < 3 && await onA.MoveNextAsync())
            {
                seenOnA.Add(onA.Current);
            }
        }

        // The client saw C-R1 only, then its connection moved to instance B.
        await using var onB = b.Get<ICaseEventFeed>().SubscribeAsync(seenOnA[0].Id, stop.Token).GetAsyncEnumerator(stop.Token);
        b.Get<ICaseEventFeed>().Publish(new CaseEvent(CaseEventNames.Created, "C-R4", DateTimeOffset.UtcNow));

        var seenOnB = new List<FeedEntry>();
        while (seenOnB.Count < 3 && await onB.MoveNextAsync())
        {
            seenOnB.Add(onB.Current);
        }

        Assert.Equal(["C-R2", "C-R3", "C-R4"], seenOnB.Select(e => e.Event.CaseId));
        Assert.Equal(seenOnA[1..].Select(e => e.Id), seenOnB[..2].Select(e => e.Id));
    }

    private Task<RunningInstance> StartInstanceAsync() => RunningInstance.StartAsync(fixture);
}
