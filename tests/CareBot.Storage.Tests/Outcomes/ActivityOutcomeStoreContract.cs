using CareBot.Care.Stores;
using CareBot.Protocol.Middleware;
using CareBot.Storage.Tests.Cases;
using CareBot.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Storage.Tests.Outcomes;

/// <summary>
/// What every <see cref="IActivityOutcomeStore"/> does, whatever the engine: a turn's commit writes the outcome row, the
/// store reads it back, answers of turns that stored none are completed directly, and rows expire after
/// <see cref="StorageOptions.OutcomeRetention"/>. Time moves only by the fixture's clock.
/// </summary>
public abstract class ActivityOutcomeStoreContract(StorageFixture fixture)
{
    private static readonly TimeSpan Retention = new StorageOptions().OutcomeRetention;

    private IActivityOutcomeStore Store => fixture.Get<IActivityOutcomeStore>();

    private ITurnCommitStore Turns => fixture.Get<ITurnCommitStore>();

    private static ActivityKey NewKey() => new("msteams", "19:" + Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));

    private async Task<ActivityKey> CommitTurnAsync(StoredTurnOutcome outcome, ActivityKey? key = null)
    {
        var activity = key ?? NewKey();
        var state = new StateWrite(Guid.NewGuid().ToString("N"), "{}", null);
        await Turns.CommitAsync(TestCases.Turn([], [], state) with { Processed = new ProcessedActivity(activity, outcome) }, CancellationToken.None);
        return activity;
    }

    [Fact]
    public async Task An_unknown_activity_has_no_outcome()
    {
        Assert.Null(await Store.FindAsync(NewKey(), CancellationToken.None));
    }

    [Fact]
    public async Task The_outcome_a_turn_commit_stored_is_read_back()
    {
        var outcome = new StoredTurnOutcome(200, """{"activities":[{"type":"message","text":"Désolé 😔"}]}""");

        var key = await CommitTurnAsync(outcome);

        Assert.Equal(outcome, await Store.FindAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_completed_outcome_is_read_back_also_without_a_body()
    {
        var (withBody, withoutBody) = (NewKey(), NewKey());
        await Store.CompleteAsync(withBody, new StoredTurnOutcome(200, """{"activities":[]}"""), CancellationToken.None);
        await Store.CompleteAsync(withoutBody, new StoredTurnOutcome(202, null), CancellationToken.None);

        Assert.Equal(new StoredTurnOutcome(200, """{"activities":[]}"""), await Store.FindAsync(withBody, CancellationToken.None));
        Assert.Equal(new StoredTurnOutcome(202, null), await Store.FindAsync(withoutBody, CancellationToken.None));
    }

    [Fact]
    public async Task The_same_activity_id_in_another_conversation_or_channel_is_a_different_activity()
    {
        var key = await CommitTurnAsync(new StoredTurnOutcome(200, "{}"));

        Assert.Null(await Store.FindAsync(key with { ConversationId = key.ConversationId + "x" }, CancellationToken.None));
        Assert.Null(await Store.FindAsync(key with { ChannelId = "slack" }, CancellationToken.None));
        var otherChannel = await CommitTurnAsync(new StoredTurnOutcome(200, "{\"other\":1}"), key with { ChannelId = "slack" });
        Assert.Equal(new StoredTurnOutcome(200, "{\"other\":1}"), await Store.FindAsync(otherChannel, CancellationToken.None));
    }

    [Fact]
    public async Task Outcomes_from_turn_commits_are_kept_for_the_retention_period()
    {
        var key = await CommitTurnAsync(new StoredTurnOutcome(200, "{}"));

        // Another turn a little before the retention ends gives the store its chance to purge.
        fixture.Clock.Advance(Retention - TimeSpan.FromHours(1));
        await CommitTurnAsync(new StoredTurnOutcome(200, "{}"));

        Assert.NotNull(await Store.FindAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Outcomes_from_turn_commits_older_than_the_retention_period_are_purged_by_later_turns()
    {
        var key = await CommitTurnAsync(new StoredTurnOutcome(200, "{}"));

        fixture.Clock.Advance(Retention + TimeSpan.FromMinutes(2));
        var recent = await CommitTurnAsync(new StoredTurnOutcome(200, "{}"));

        // Forgotten: a (very) late redelivery is processed afresh. The turn that purged keeps its own outcome.
        Assert.Null(await Store.FindAsync(key, CancellationToken.None));
        Assert.NotNull(await Store.FindAsync(recent, CancellationToken.None));
    }

    [Fact]
    public async Task Completed_outcomes_older_than_the_retention_period_are_purged_by_later_completions()
    {
        var key = NewKey();
        await Store.CompleteAsync(key, new StoredTurnOutcome(200, "{}"), CancellationToken.None);

        fixture.Clock.Advance(Retention + TimeSpan.FromMinutes(2));
        var recent = NewKey();
        await Store.CompleteAsync(recent, new StoredTurnOutcome(200, "{}"), CancellationToken.None);

        Assert.Null(await Store.FindAsync(key, CancellationToken.None));
        Assert.NotNull(await Store.FindAsync(recent, CancellationToken.None));
    }

    [Fact]
    public async Task Outcomes_survive_reopening_the_store()
    {
        var key = await CommitTurnAsync(new StoredTurnOutcome(200, "{\"kept\":true}"));

        await using var reopened = fixture.Reopen();
        var outcome = await reopened.GetRequiredService<IActivityOutcomeStore>().FindAsync(key, CancellationToken.None);

        Assert.Equal(new StoredTurnOutcome(200, "{\"kept\":true}"), outcome);
    }
}
