using CareBot.Protocol.Middleware;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CareBot.Protocol.Tests.Middleware;

public sealed class InMemoryActivityOutcomeStoreTests
{
    private static readonly ActivityKey Key = new("msteams", "19:abc@thread.tacv2", "1732284191512");
    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero));

    private InMemoryActivityOutcomeStore Store(TimeSpan? retention = null, int maxEntries = 100) =>
        new(_time, Options.Create(new DeduplicationOptions { Retention = retention ?? TimeSpan.FromHours(1), MaxEntries = maxEntries }));

    private static async Task<ActivityClaimStatus> ClaimAsync(InMemoryActivityOutcomeStore store, ActivityKey key) =>
        (await store.TryClaimAsync(key, ClaimLifetime, CancellationToken.None)).Status;

    [Fact]
    public async Task The_first_claim_wins_and_a_second_finds_it_in_progress()
    {
        var store = Store();

        Assert.Equal(ActivityClaimStatus.Claimed, await ClaimAsync(store, Key));
        Assert.Equal(ActivityClaimStatus.InProgress, await ClaimAsync(store, Key));
    }

    [Fact]
    public async Task A_completed_activity_returns_its_outcome()
    {
        var store = Store();
        await store.TryClaimAsync(Key, ClaimLifetime, CancellationToken.None);
        await store.CompleteAsync(Key, new StoredTurnOutcome(200, """{"activities":[]}"""), CancellationToken.None);

        var claim = await store.TryClaimAsync(Key, ClaimLifetime, CancellationToken.None);

        Assert.Equal(ActivityClaimStatus.Completed, claim.Status);
        Assert.Equal(new StoredTurnOutcome(200, """{"activities":[]}"""), claim.Outcome);
    }

    [Fact]
    public async Task A_released_claim_can_be_claimed_again()
    {
        var store = Store();
        await ClaimAsync(store, Key);

        await store.ReleaseAsync(Key, CancellationToken.None);

        Assert.Equal(ActivityClaimStatus.Claimed, await ClaimAsync(store, Key));
    }

    [Fact]
    public async Task An_abandoned_claim_is_taken_over_after_its_lifetime()
    {
        var store = Store();
        await ClaimAsync(store, Key);

        _time.Advance(ClaimLifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(ActivityClaimStatus.InProgress, await ClaimAsync(store, Key));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ActivityClaimStatus.Claimed, await ClaimAsync(store, Key));
    }

    [Fact]
    public async Task Completed_activities_are_forgotten_after_the_retention()
    {
        var store = Store(retention: TimeSpan.FromMinutes(30));
        await ClaimAsync(store, Key);
        await store.CompleteAsync(Key, new StoredTurnOutcome(200, null), CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(ActivityClaimStatus.Completed, await ClaimAsync(store, Key));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ActivityClaimStatus.Claimed, await ClaimAsync(store, Key));
    }

    [Fact]
    public async Task Beyond_the_size_cap_the_oldest_activities_are_forgotten_first()
    {
        var store = Store(maxEntries: 3);
        for (var i = 0; i < 5; i++)
        {
            var key = Key with { ActivityId = "a" + i };
            await ClaimAsync(store, key);
            await store.CompleteAsync(key, new StoredTurnOutcome(200, null), CancellationToken.None);
        }

        Assert.Equal(3, store.Count);
        Assert.Equal(ActivityClaimStatus.Completed, await ClaimAsync(store, Key with { ActivityId = "a4" }));
        Assert.Equal(ActivityClaimStatus.Claimed, await ClaimAsync(store, Key with { ActivityId = "a0" }));
    }

    [Fact]
    public async Task Ids_are_compared_ordinally()
    {
        var store = Store();
        await ClaimAsync(store, Key with { ActivityId = "abc" });

        Assert.Equal(ActivityClaimStatus.Claimed, await ClaimAsync(store, Key with { ActivityId = "ABC" }));
    }

    [Fact]
    public async Task Repeated_claim_and_release_does_not_grow_the_bookkeeping_without_bound()
    {
        var store = Store();
        for (var i = 0; i < 1000; i++)
        {
            await ClaimAsync(store, Key);
            await store.ReleaseAsync(Key, CancellationToken.None);
        }

        Assert.True(store.QueueLength < 100, $"queue length {store.QueueLength}");
    }
}
