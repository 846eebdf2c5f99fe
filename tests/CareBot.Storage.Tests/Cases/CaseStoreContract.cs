using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Dialogs.Model;
using CareBot.Protocol.Middleware;
using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Cases;

/// <summary>What every <see cref="ITurnCommitStore"/> and <see cref="ICaseStore"/> does, whatever the engine.</summary>
public abstract class CaseStoreContract(StorageFixture fixture)
{
    private ICaseStore Cases => fixture.Get<ICaseStore>();

    private ITurnCommitStore Turns => fixture.Get<ITurnCommitStore>();

    private IStateStore State => fixture.Get<IStateStore>();

    private IOutboxStore Outbox => fixture.Get<IOutboxStore>();

    private IActivityOutcomeStore Outcomes => fixture.Get<IActivityOutcomeStore>();

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    private static string NewKey() => "conversation/" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Case_numbers_are_unique_and_increasing_from_1001()
    {
        var numbers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Cases.NextNumberAsync(CancellationToken.None)));

        Assert.Equal(numbers.Length, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.True(n >= 1001));
    }

    [Fact]
    public async Task A_turn_commit_stores_state_case_and_outbox_together()
    {
        var key = NewKey();
        var opened = await TestCases.NewAsync(Cases, Now);
        var email = new NewOutboxMessage(OutboxKind.Email, "handoff-email/" + opened.CreationKey, """{"to":"a@example.com"}""");

        var result = await Turns.CommitAsync(TestCases.Turn([opened], [email], new StateWrite(key, "{\"node\":\"agent\"}", null)), CancellationToken.None);

        Assert.Equal(new CommittedCase(opened.CreationKey, opened.Id, Created: true), Assert.Single(result.Cases));
        Assert.Equal(result.State[0], (await State.ReadAsync([key], CancellationToken.None))[key]);
        var stored = await Cases.GetAsync(opened.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(CaseJson.Serialize(opened), CaseJson.Serialize(stored.Case));
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task A_turn_commit_stores_its_activity_outcome_for_redeliveries()
    {
        var key = NewKey();
        var activity = new ActivityKey("webchat", key, "a-1");
        var outcome = new StoredTurnOutcome(200, """{"activities":[{"type":"message","text":"Hi"}]}""");

        await Turns.CommitAsync(TestCases.Turn([], [], new StateWrite(key, "{}", null)) with { Processed = new ProcessedActivity(activity, outcome) }, CancellationToken.None);

        Assert.Equal(outcome, await Outcomes.FindAsync(activity, CancellationToken.None));
    }

    [Fact]
    public async Task A_second_commit_for_the_same_activity_throws_duplicate_with_the_first_outcome_and_stores_nothing()
    {
        var activity = new ActivityKey("webchat", NewKey(), "a-1");
        var first = new StoredTurnOutcome(200, """{"activities":[{"type":"message","text":"first"}]}""");
        await Turns.CommitAsync(TestCases.Turn([], [], new StateWrite(NewKey(), "{}", null)) with { Processed = new ProcessedActivity(activity, first) }, CancellationToken.None);
        var (key, idempotencyKey) = (NewKey(), "dup/" + Guid.NewGuid().ToString("N"));
        var opened = await TestCases.NewAsync(Cases, Now);

        var duplicate = await Assert.ThrowsAsync<DuplicateActivityException>(() => Turns.CommitAsync(
            TestCases.Turn([opened], [new NewOutboxMessage(OutboxKind.Email, idempotencyKey, "{}")], new StateWrite(key, "{}", null))
                with { Processed = new ProcessedActivity(activity, new StoredTurnOutcome(200, null)) },
            CancellationToken.None));

        Assert.Equal(first, duplicate.Stored);
        Assert.Empty(await State.ReadAsync([key], CancellationToken.None));
        Assert.Null(await Cases.GetAsync(opened.Id, CancellationToken.None));
        Assert.Equal(first, await Outcomes.FindAsync(activity, CancellationToken.None));
    }

    [Fact]
    public async Task A_stale_etag_stores_no_state_no_case_and_no_outbox_row()
    {
        var key = NewKey();
        var first = (await State.WriteAsync([new StateWrite(key, "{\"v\":1}", null)], CancellationToken.None))[0];
        await State.WriteAsync([new StateWrite(key, "{\"v\":2}", first.ETag)], CancellationToken.None);
        var opened = await TestCases.NewAsync(Cases, Now);
        var idempotencyKey = "stale/" + Guid.NewGuid().ToString("N");

        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => Turns.CommitAsync(
            TestCases.Turn([opened], [new NewOutboxMessage(OutboxKind.Email, idempotencyKey, "{}")], new StateWrite(key, "{\"v\":3}", first.ETag)),
            CancellationToken.None));

        Assert.Equal(key, conflict.Key);
        Assert.Null(await Cases.GetAsync(opened.Id, CancellationToken.None));
        Assert.Equal("{\"v\":2}", (await State.ReadAsync([key], CancellationToken.None))[key].Utf8Json.Text);
        // The outbox row was rolled back too: enqueuing the same key now creates it (it would be skipped otherwise).
        await Outbox.EnqueueAsync([new NewOutboxMessage(OutboxKind.Email, idempotencyKey, "{\"second\":true}")], CancellationToken.None);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var claimed = await Outbox.ClaimDueAsync(100, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Contains(claimed, m => m.IdempotencyKey == idempotencyKey && m.PayloadJson == "{\"second\":true}");
        foreach (var message in claimed)
        {
            await Outbox.MarkSentAsync(message.Id, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Committing_the_same_hand_off_twice_keeps_one_case_and_reports_the_first()
    {
        var creationKey = NewKey() + "#4";
        var first = await TestCases.NewAsync(Cases, Now, creationKey: creationKey);
        var retry = await TestCases.NewAsync(Cases, Now, creationKey: creationKey); // a redelivery draws a new number

        await Turns.CommitAsync(TestCases.Turn([first]), CancellationToken.None);
        var again = await Turns.CommitAsync(TestCases.Turn([retry], [], new StateWrite(NewKey(), "{}", "*")), CancellationToken.None);

        Assert.Equal(new CommittedCase(creationKey, first.Id, Created: false), Assert.Single(again.Cases));
        Assert.Null(await Cases.GetAsync(retry.Id, CancellationToken.None));
        Assert.Single(again.State);
    }

    [Fact]
    public async Task Two_racing_commits_of_one_hand_off_create_exactly_one_case()
    {
        var creationKey = NewKey() + "#2";
        var drafts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => TestCases.NewAsync(Cases, Now, creationKey: creationKey)));

        var results = await Task.WhenAll(drafts.Select(d => Task.Run(() => Turns.CommitAsync(TestCases.Turn([d]), CancellationToken.None))));

        var committed = results.Select(r => Assert.Single(r.Cases)).ToList();
        Assert.Single(committed, c => c.Created);
        Assert.Single(committed.Select(c => c.CaseId).Distinct());
    }

    [Fact]
    public async Task Two_agents_racing_to_claim_one_case_exactly_one_wins()
    {
        var opened = await TestCases.NewAsync(Cases, Now);
        await Turns.CommitAsync(TestCases.Turn([opened]), CancellationToken.None);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = new[] { "ana", "bob", "cy", "dee" }.Select(agent => Task.Run(async () =>
        {
            await start.Task;
            return (Agent: agent, Result: await Cases.TryClaimAsync(opened.Id, agent, CancellationToken.None));
        })).ToList();

        start.SetResult();
        var racers = await Task.WhenAll(racing);

        var winner = Assert.Single(racers, c => c.Result.Outcome == CaseClaimOutcome.Claimed);
        Assert.All(racers.Where(c => c != winner), c => Assert.Equal(CaseClaimOutcome.NotClaimable, c.Result.Outcome));
        var stored = await Cases.GetAsync(opened.Id, CancellationToken.None);
        Assert.Equal(winner.Agent, stored!.Case.Assignee);
        Assert.Equal(CaseStatus.Assigned, stored.Case.Status);
        Assert.Equal(CaseEventNames.Assigned, winner.Result.Event!.Name);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task Claiming_a_missing_case_is_not_found()
    {
        var result = await Cases.TryClaimAsync("C-999999999", "ana", CancellationToken.None);

        Assert.Equal(CaseClaimOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task Update_with_the_current_version_stores_and_a_stale_version_conflicts()
    {
        var opened = await TestCases.NewAsync(Cases, Now);
        await Turns.CommitAsync(TestCases.Turn([opened]), CancellationToken.None);
        var mine = (await Cases.GetAsync(opened.Id, CancellationToken.None))!;
        var theirs = (await Cases.GetAsync(opened.Id, CancellationToken.None))!;

        mine.Case.HandBack(Now);
        var version = await Cases.UpdateAsync(mine.Case, mine.Version, [], CancellationToken.None);
        theirs.Case.Claim("bob", Now);
        var conflict = await Assert.ThrowsAsync<CaseConflictException>(() => Cases.UpdateAsync(theirs.Case, theirs.Version, [], CancellationToken.None));

        Assert.Equal(2, version);
        Assert.Equal(opened.Id, conflict.CaseId);
        Assert.Equal(CaseStatus.HandedBack, (await Cases.GetAsync(opened.Id, CancellationToken.None))!.Case.Status);
    }

    [Fact]
    public async Task An_update_stores_its_outbox_messages_and_a_stale_one_stores_none()
    {
        var opened = await TestCases.NewAsync(Cases, Now);
        await Turns.CommitAsync(TestCases.Turn([opened], []), CancellationToken.None);
        var stored = (await Cases.GetAsync(opened.Id, CancellationToken.None))!;
        var stale = (await Cases.GetAsync(opened.Id, CancellationToken.None))!;
        var sentKey = "reply/" + Guid.NewGuid().ToString("N");
        var lostKey = "reply/" + Guid.NewGuid().ToString("N");

        stored.Case.Claim("ann", Now);
        await Cases.UpdateAsync(stored.Case, stored.Version, [new NewOutboxMessage(OutboxKind.Activity, sentKey, "{}")], CancellationToken.None);
        stale.Case.Claim("bob", Now);
        await Assert.ThrowsAsync<CaseConflictException>(() =>
            Cases.UpdateAsync(stale.Case, stale.Version, [new NewOutboxMessage(OutboxKind.Activity, lostKey, "{}")], CancellationToken.None));

        var claimed = await Outbox.ClaimDueAsync(500, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Contains(claimed, m => m.IdempotencyKey == sentKey);
        Assert.DoesNotContain(claimed, m => m.IdempotencyKey == lostKey);
        foreach (var message in claimed)
        {
            await Outbox.MarkSentAsync(message.Id, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_turn_commit_updates_cases_and_a_stale_case_version_stores_nothing()
    {
        var opened = await TestCases.NewAsync(Cases, Now);
        await Turns.CommitAsync(TestCases.Turn([opened], []), CancellationToken.None);
        var stored = (await Cases.GetAsync(opened.Id, CancellationToken.None))!;
        var key = NewKey();

        stored.Case.RecordCustomerMessage(CaseThread.Private, "still waiting", Now);
        await Turns.CommitAsync(
            TestCases.Turn([], [], new StateWrite(key, "{\"v\":1}", null)) with { CaseUpdates = [new CaseUpdate(stored.Case, stored.Version)] },
            CancellationToken.None);
        var staleKey = NewKey();
        var conflict = await Assert.ThrowsAsync<CaseConflictException>(() => Turns.CommitAsync(
            TestCases.Turn([], [], new StateWrite(staleKey, "{\"v\":1}", null)) with { CaseUpdates = [new CaseUpdate(stored.Case, stored.Version)] },
            CancellationToken.None));

        var after = (await Cases.GetAsync(opened.Id, CancellationToken.None))!;
        Assert.Equal(stored.Version + 1, after.Version);
        Assert.Equal("still waiting", after.Case.Transcript[^1].Text);
        Assert.Equal(opened.Id, conflict.CaseId);
        Assert.Empty(await State.ReadAsync([staleKey], CancellationToken.None));
    }

    [Fact]
    public async Task Notes_are_appended_and_kept()
    {
        var opened = await TestCases.NewAsync(Cases, Now);
        await Turns.CommitAsync(TestCases.Turn([opened]), CancellationToken.None);

        await Cases.AppendNoteAsync(opened.Id, "ana", "first", CancellationToken.None);
        var noted = await Cases.AppendNoteAsync(opened.Id, "bob", "second", CancellationToken.None);

        Assert.Equal(["first", "second"], noted!.Case.Case.Notes.Select(n => n.Text));
        Assert.Equal(new CaseEvent(CaseEventNames.NoteAdded, opened.Id, noted.Case.Case.Notes[^1].At, "bob"), noted.Event);
        Assert.Equal(["first", "second"], (await Cases.GetAsync(opened.Id, CancellationToken.None))!.Case.Notes.Select(n => n.Text));
        Assert.Null(await Cases.AppendNoteAsync("C-999999998", "ana", "x", CancellationToken.None));
    }

    [Fact]
    public async Task A_note_and_the_outbox_messages_made_from_it_are_stored_together()
    {
        var opened = await TestCases.NewAsync(Cases, Now);
        await Turns.CommitAsync(TestCases.Turn([opened]), CancellationToken.None);
        await Cases.AppendNoteAsync(opened.Id, "ana", "first", CancellationToken.None);
        var keyPrefix = "mention/" + Guid.NewGuid().ToString("N") + "/";

        var noted = await Cases.AppendNoteAsync(
            opened.Id, "ana", "@ben see this", c => [new NewOutboxMessage(OutboxKind.Email, keyPrefix + c.Notes.Count, "{}")], CancellationToken.None);

        Assert.Equal(["first", "@ben see this"], noted!.Case.Case.Notes.Select(n => n.Text));
        Assert.Equal(["first", "@ben see this"], (await Cases.GetAsync(opened.Id, CancellationToken.None))!.Case.Notes.Select(n => n.Text));
        var claimed = await Outbox.ClaimDueAsync(500, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal([keyPrefix + "2"], claimed.Select(m => m.IdempotencyKey).Where(k => k.StartsWith(keyPrefix, StringComparison.Ordinal)));
        foreach (var message in claimed)
        {
            await Outbox.MarkSentAsync(message.Id, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_note_whose_outbox_message_fails_to_store_leaves_neither_the_note_nor_the_message()
    {
        var opened = await TestCases.NewAsync(Cases, Now);
        await Turns.CommitAsync(TestCases.Turn([opened]), CancellationToken.None);
        var stored = (await Cases.GetAsync(opened.Id, CancellationToken.None))!;
        var goodKey = "mention/" + Guid.NewGuid().ToString("N");

        // The second message has no key: storing it fails after the note was written in the same transaction.
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Cases.AppendNoteAsync(
            opened.Id, "ana", "@ben see this", _ => [new NewOutboxMessage(OutboxKind.Email, goodKey, "{}"), new NewOutboxMessage(OutboxKind.Email, "", "{}")], CancellationToken.None));

        var after = (await Cases.GetAsync(opened.Id, CancellationToken.None))!;
        Assert.Empty(after.Case.Notes);
        Assert.Equal(stored.Version, after.Version);
        var claimed = await Outbox.ClaimDueAsync(500, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.DoesNotContain(claimed, m => m.IdempotencyKey == goodKey);
        foreach (var message in claimed)
        {
            await Outbox.MarkSentAsync(message.Id, CancellationToken.None);
        }
    }

    [Fact]
    public async Task List_filters_by_status_and_queue_and_orders_by_priority_then_sla_due()
    {
        var queue = "q-" + Guid.NewGuid().ToString("N");
        var normalEarly = await TestCases.NewAsync(Cases, Now, Priority.Normal, queue);
        var normalLate = await TestCases.NewAsync(Cases, Now.AddMinutes(5), Priority.Normal, queue);
        var urgent = await TestCases.NewAsync(Cases, Now.AddMinutes(10), Priority.Urgent, queue);
        var low = await TestCases.NewAsync(Cases, Now, Priority.Low, queue);
        var elsewhere = await TestCases.NewAsync(Cases, Now, Priority.Urgent, queue + "-other");
        await Turns.CommitAsync(TestCases.Turn([normalLate, low, urgent, normalEarly, elsewhere]), CancellationToken.None);
        await Cases.TryClaimAsync(low.Id, "ana", CancellationToken.None);

        var queued = await Cases.ListAsync(new CaseQuery(CaseStatus.Queued, queue), CancellationToken.None);
        var all = await Cases.ListAsync(new CaseQuery(Queue: queue), CancellationToken.None);

        Assert.Equal([urgent.Id, normalEarly.Id, normalLate.Id], queued.Select(r => r.Case.Id));
        Assert.Equal(4, all.Count);
    }
}
