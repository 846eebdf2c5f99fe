using CareBot.Protocol.Middleware;
using Microsoft.Extensions.DependencyInjection;
using CareBot.Storage.Tests.Infrastructure;
using CareBot.Storage.Tests.Instances;
using Microsoft.Extensions.Options;

namespace CareBot.Storage.Tests.Outcomes;

/// <summary>What every <see cref="IActivityOutcomeStore"/> does, whatever the engine. Time moves only by the fixture's clock.</summary>
public abstract class ActivityOutcomeStoreContract(StorageFixture fixture)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private IActivityOutcomeStore Store => fixture.Get<IActivityOutcomeStore>();

    private static ActivityKey NewKey() => new("msteams", "19:" + Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_first_delivery_of_an_activity_claims_it()
    {
        var claim = await Store.TryClaimAsync(NewKey(), Lifetime, CancellationToken.None);

        Assert.Equal(new ActivityClaim(ActivityClaimStatus.Claimed, null), claim);
    }

    [Fact]
    public async Task Find_returns_a_completed_outcome_and_nothing_for_an_unknown_or_merely_claimed_activity()
    {
        var (done, claimed) = (NewKey(), NewKey());
        var outcome = new StoredTurnOutcome(200, """{"activities":[]}""");
        await Store.CompleteAsync(done, outcome, CancellationToken.None);
        await Store.TryClaimAsync(claimed, Lifetime, CancellationToken.None);

        Assert.Equal(outcome, await Store.FindAsync(done, CancellationToken.None));
        Assert.Null(await Store.FindAsync(claimed, CancellationToken.None));
        Assert.Null(await Store.FindAsync(NewKey(), CancellationToken.None));
    }

    [Fact]
    public async Task A_redelivery_while_the_first_is_processing_is_in_progress()
    {
        var key = NewKey();
        await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);
        fixture.Clock.Advance(Lifetime - TimeSpan.FromSeconds(1));

        var claim = await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);

        Assert.Equal(new ActivityClaim(ActivityClaimStatus.InProgress, null), claim);
    }

    [Fact]
    public async Task A_redelivery_after_completion_gets_the_stored_outcome()
    {
        var key = NewKey();
        await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);
        var outcome = new StoredTurnOutcome(200, """{"activities":[{"type":"message","text":"Désolé 😔"}]}""");
        await Store.CompleteAsync(key, outcome, CancellationToken.None);

        var claim = await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);

        Assert.Equal(ActivityClaimStatus.Completed, claim.Status);
        Assert.Equal(outcome, claim.Outcome);
    }

    [Fact]
    public async Task An_outcome_without_a_body_is_stored_as_such()
    {
        var key = NewKey();
        await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);
        await Store.CompleteAsync(key, new StoredTurnOutcome(202, null), CancellationToken.None);

        var claim = await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);

        Assert.Equal(new StoredTurnOutcome(202, null), claim.Outcome);
    }

    [Fact]
    public async Task A_released_claim_is_claimed_again_by_the_retry()
    {
        var key = NewKey();
        await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);

        await Store.ReleaseAsync(key, CancellationToken.None);
        var claim = await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);

        Assert.Equal(ActivityClaimStatus.Claimed, claim.Status);
    }

    [Fact]
    public async Task A_claim_older_than_its_lifetime_is_taken_over()
    {
        var key = NewKey();
        await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);
        fixture.Clock.Advance(Lifetime + TimeSpan.FromSeconds(1));

        var takeover = await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);
        var afterTakeover = await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);

        Assert.Equal(ActivityClaimStatus.Claimed, takeover.Status);
        Assert.Equal(ActivityClaimStatus.InProgress, afterTakeover.Status);
    }

    [Fact]
    public async Task A_claim_left_by_a_killed_process_on_this_machine_is_taken_over_at_once()
    {
        var key = NewKey();
        await using (var killed = fixture.OpenAs(ServerInstances.Killed()))
        {
            Assert.Equal(ActivityClaimStatus.Claimed, (await killed.GetRequiredService<IActivityOutcomeStore>().TryClaimAsync(key, Lifetime, CancellationToken.None)).Status);
        }

        var redelivery = await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);

        Assert.Equal(ActivityClaimStatus.Claimed, redelivery.Status);
        Assert.Equal(ActivityClaimStatus.InProgress, (await Store.TryClaimAsync(key, Lifetime, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task A_claim_of_a_process_on_another_machine_holds_while_it_beats_and_is_taken_over_when_it_stops()
    {
        var key = NewKey();
        await using var elsewhere = fixture.OpenAs(ServerInstances.Elsewhere());
        await elsewhere.GetRequiredService<IActivityOutcomeStore>().TryClaimAsync(key, Lifetime, CancellationToken.None);
        var timeout = fixture.Get<IOptions<StorageOptions>>().Value.InstanceTimeout;

        fixture.Clock.Advance(timeout - TimeSpan.FromSeconds(1));
        var whileItBeats = await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);
        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        var afterItStopped = await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);

        Assert.Equal(ActivityClaimStatus.InProgress, whileItBeats.Status);
        Assert.Equal(ActivityClaimStatus.Claimed, afterItStopped.Status);
    }

    [Fact]
    public async Task A_completed_activity_is_never_taken_over_however_old()
    {
        var key = NewKey();
        await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);
        await Store.CompleteAsync(key, new StoredTurnOutcome(200, "{}"), CancellationToken.None);
        fixture.Clock.Advance(TimeSpan.FromHours(1));

        var claim = await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);

        Assert.Equal(ActivityClaimStatus.Completed, claim.Status);
    }

    [Fact]
    public async Task Releasing_after_completion_keeps_the_outcome()
    {
        var key = NewKey();
        await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);
        await Store.CompleteAsync(key, new StoredTurnOutcome(200, "{}"), CancellationToken.None);

        await Store.ReleaseAsync(key, CancellationToken.None);

        Assert.Equal(ActivityClaimStatus.Completed, (await Store.TryClaimAsync(key, Lifetime, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task The_same_activity_id_in_another_conversation_or_channel_is_a_different_activity()
    {
        var key = NewKey();
        await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);

        var otherConversation = await Store.TryClaimAsync(key with { ConversationId = key.ConversationId + "x" }, Lifetime, CancellationToken.None);
        var otherChannel = await Store.TryClaimAsync(key with { ChannelId = "slack" }, Lifetime, CancellationToken.None);

        Assert.Equal(ActivityClaimStatus.Claimed, otherConversation.Status);
        Assert.Equal(ActivityClaimStatus.Claimed, otherChannel.Status);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_activity_exactly_one_claims_it()
    {
        var key = NewKey();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deliveries = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(async () =>
            {
                await go.Task;
                return await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);
            }))
            .ToList();

        go.SetResult();
        var claims = await Task.WhenAll(deliveries);

        Assert.Single(claims, c => c.Status == ActivityClaimStatus.Claimed);
        Assert.All(claims.Where(c => c.Status != ActivityClaimStatus.Claimed), c => Assert.Equal(ActivityClaimStatus.InProgress, c.Status));
    }

    [Fact]
    public async Task Completed_outcomes_are_kept_for_the_retention_period()
    {
        var key = NewKey();
        await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);
        await Store.CompleteAsync(key, new StoredTurnOutcome(200, "{}"), CancellationToken.None);

        // Another completion a little before the retention ends gives the store its chance to purge.
        fixture.Clock.Advance(TimeSpan.FromHours(23));
        await CompleteAnotherAsync();

        Assert.Equal(ActivityClaimStatus.Completed, (await Store.TryClaimAsync(key, Lifetime, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Completed_outcomes_older_than_the_retention_period_are_purged()
    {
        var key = NewKey();
        await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);
        await Store.CompleteAsync(key, new StoredTurnOutcome(200, "{}"), CancellationToken.None);

        fixture.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(2));
        var recent = await CompleteAnotherAsync();

        // Forgotten: a (very) late redelivery is processed afresh. The completion that purged is kept.
        Assert.Equal(ActivityClaimStatus.Claimed, (await Store.TryClaimAsync(key, Lifetime, CancellationToken.None)).Status);
        Assert.Equal(ActivityClaimStatus.Completed, (await Store.TryClaimAsync(recent, Lifetime, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Outcomes_survive_reopening_the_store()
    {
        var key = NewKey();
        await Store.TryClaimAsync(key, Lifetime, CancellationToken.None);
        await Store.CompleteAsync(key, new StoredTurnOutcome(200, "{\"kept\":true}"), CancellationToken.None);

        await using var reopened = fixture.Reopen();
        var claim = await reopened.GetRequiredService<IActivityOutcomeStore>().TryClaimAsync(key, Lifetime, CancellationToken.None);

        Assert.Equal(new StoredTurnOutcome(200, "{\"kept\":true}"), claim.Outcome);
    }

    private async Task<ActivityKey> CompleteAnotherAsync()
    {
        var other = NewKey();
        await Store.TryClaimAsync(other, Lifetime, CancellationToken.None);
        await Store.CompleteAsync(other, new StoredTurnOutcome(200, "{}"), CancellationToken.None);
        return other;
    }
}
