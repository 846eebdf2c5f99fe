using CareBot.Protocol.Middleware;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CareBot.Protocol.Tests.Middleware;

public sealed class InMemoryActivityOutcomeStoreTests
{
    private static readonly ActivityKey Key = new("msteams", "19:abc@thread.tacv2", "1732284191512");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero));

    private InMemoryActivityOutcomeStore Store(TimeSpan? retention = null, int maxEntries = 100) =>
        new(_time, Options.Create(new DeduplicationOptions { Retention = retention ?? TimeSpan.FromHours(1), MaxEntries = maxEntries }));

    private static Task CompleteAsync(InMemoryActivityOutcomeStore store, ActivityKey key, StoredTurnOutcome? outcome = null) =>
        store.CompleteAsync(key, outcome ?? new StoredTurnOutcome(200, null), CancellationToken.None);

    [Fact]
    public async Task An_unknown_activity_has_no_outcome()
    {
        Assert.Null(await Store().FindAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task A_completed_activity_returns_its_outcome()
    {
        var store = Store();
        await CompleteAsync(store, Key, new StoredTurnOutcome(200, """{"activities":[]}"""));

        Assert.Equal(new StoredTurnOutcome(200, """{"activities":[]}"""), await store.FindAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task Completed_activities_are_forgotten_after_the_retention()
    {
        var store = Store(retention: TimeSpan.FromMinutes(30));
        await CompleteAsync(store, Key);

        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(await store.FindAsync(Key, CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await store.FindAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task Completing_again_keeps_the_retention_of_the_first_completion()
    {
        var store = Store(retention: TimeSpan.FromMinutes(30));
        await CompleteAsync(store, Key);
        _time.Advance(TimeSpan.FromMinutes(20));
        await CompleteAsync(store, Key, new StoredTurnOutcome(202, null));

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Null(await store.FindAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task Beyond_the_size_cap_the_oldest_activities_are_forgotten_first()
    {
        var store = Store(maxEntries: 3);
        for (var i = 0; i < 5; i++)
        {
            await CompleteAsync(store, Key with { ActivityId = "a" + i });
        }

        Assert.Equal(3, store.Count);
        Assert.NotNull(await store.FindAsync(Key with { ActivityId = "a4" }, CancellationToken.None));
        Assert.Null(await store.FindAsync(Key with { ActivityId = "a0" }, CancellationToken.None));
    }

    [Fact]
    public async Task Ids_are_compared_ordinally()
    {
        var store = Store();
        await CompleteAsync(store, Key with { ActivityId = "abc" });

        Assert.Null(await store.FindAsync(Key with { ActivityId = "ABC" }, CancellationToken.None));
    }
}
