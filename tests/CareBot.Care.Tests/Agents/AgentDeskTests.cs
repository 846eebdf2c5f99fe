using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Delivery;
using CareBot.Care.Stores;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Time.Testing;
using Moq;
using static CareBot.Care.Tests.Bot.CareFixtures;

namespace CareBot.Care.Tests.Agents;

/// <summary>An agent's reply, resolve and hand-back: who may, what is stored, and what goes to the outbox with it.</summary>
public sealed class AgentDeskTests : IDisposable
{
    private readonly Mock<ICaseStore> store = new(MockBehavior.Strict);
    private readonly List<(Case Case, long Version, IReadOnlyList<NewOutboxMessage> Outbox)> stored = [];
    private readonly OutboxSignal signal = new();
    private readonly AgentDesk desk;

    public AgentDeskTests()
    {
        desk = new AgentDesk(store.Object, Emails(), signal, new FakeTimeProvider(Now.AddMinutes(20)), Microsoft.Extensions.Options.Options.Create(new CaseOptions()));
    }

    public void Dispose() => signal.Dispose();

    /// <summary>The store holds <paramref name="value"/> at version 4 and accepts updates at that version.</summary>
    private void Holds(Case value)
    {
        store.Setup(s => s.GetAsync(value.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new CaseRecord(value, 4));
        store.Setup(s => s.UpdateAsync(It.IsAny<Case>(), It.IsAny<long>(), It.IsAny<IReadOnlyList<NewOutboxMessage>>(), It.IsAny<CancellationToken>()))
            .Callback((Case c, long v, IReadOnlyList<NewOutboxMessage> o, CancellationToken _) => stored.Add((c, v, o)))
            .ReturnsAsync(5);
    }

    [Fact]
    public async Task The_assignees_reply_is_recorded_and_sent_to_the_private_conversation()
    {
        var value = AssignedCase("ana");
        Holds(value);

        var result = await desk.ReplyAsync(value.Id, "ana", "Your refund is on its way.", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.Done, result.Outcome);
        Assert.Equal(5, result.Case!.Version);
        var line = result.Case.Case.Transcript[^1];
        Assert.Equal((CaseAuthor.Agent, "ana", "Your refund is on its way.", CaseThread.Private), (line.Author, line.Name, line.Text, line.Thread));
        Assert.Equal([CaseEventNames.MessageAdded], result.Events.Select(e => e.Name));
        var (_, version, outbox) = Assert.Single(stored);
        Assert.Equal(4, version);
        var row = Assert.Single(outbox);
        Assert.Equal(OutboxKind.Activity, row.Kind);
        Assert.StartsWith($"agent-reply/{value.Id}/", row.IdempotencyKey, StringComparison.Ordinal);
        var delivery = ActivityJson.Deserialize<ActivityDelivery>(row.PayloadJson)!;
        Assert.Equal(("Your refund is on its way.", "dm-1"), (delivery.Activity.Text, delivery.Reference.Conversation?.Id));
        Assert.Equal("dm-1", delivery.Activity.Conversation?.Id);
    }

    [Fact]
    public async Task A_reply_on_a_case_with_only_an_email_address_goes_out_by_email()
    {
        var value = AssignedCase("ana", origin: PublicOnlyOrigin(), email: "dana@example.com");
        Holds(value);

        var result = await desk.ReplyAsync(value.Id, "ana", "We found your parcel.", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.Done, result.Outcome);
        var row = Assert.Single(Assert.Single(stored).Outbox);
        Assert.Equal(OutboxKind.Email, row.Kind);
        var email = EmailIn(row);
        Assert.Equal("dana@example.com", email.To);
        Assert.Contains("We found your parcel.", email.TextBody, StringComparison.Ordinal);
        Assert.Equal(row.IdempotencyKey, email.IdempotencyKey);
    }

    [Fact]
    public async Task Another_agent_may_not_reply()
    {
        var value = AssignedCase("ana");
        Holds(value);

        var result = await desk.ReplyAsync(value.Id, "ben", "Hi, Ben here.", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.Forbidden, result.Outcome);
        Assert.Contains("ana", result.Problem, StringComparison.Ordinal);
        Assert.Empty(stored);
    }

    [Fact]
    public async Task A_reply_on_a_case_nobody_claimed_is_a_conflict()
    {
        var value = QueuedCase();
        Holds(value);

        var result = await desk.ReplyAsync(value.Id, "ana", "Hello", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.Conflict, result.Outcome);
        Assert.Contains("Claim", result.Problem, StringComparison.Ordinal);
        Assert.Empty(stored);
    }

    [Fact]
    public async Task A_reply_with_nowhere_to_go_is_a_conflict_that_says_so()
    {
        var value = AssignedCase("ana", origin: PublicOnlyOrigin());
        Holds(value);

        var result = await desk.ReplyAsync(value.Id, "ana", "Hello", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.Conflict, result.Outcome);
        Assert.Contains("no private conversation and no email address", result.Problem, StringComparison.Ordinal);
        Assert.Empty(stored);
        Assert.DoesNotContain(value.Transcript, l => l.Author == CaseAuthor.Agent);
    }

    [Fact]
    public async Task Resolving_a_private_case_asks_the_bot_to_run_case_resolved_there()
    {
        var value = AssignedCase("ana");
        Holds(value);

        var result = await desk.ResolveAsync(value.Id, "ana", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.Done, result.Outcome);
        Assert.Equal(CaseStatus.Resolved, result.Case!.Case.Status);
        Assert.Equal([CaseEventNames.Resolved], result.Events.Select(e => e.Name));
        var row = Assert.Single(Assert.Single(stored).Outbox);
        Assert.Equal((OutboxKind.DialogEvent, "case-resolved/" + value.Id), (row.Kind, row.IdempotencyKey));
        var delivery = ActivityJson.Deserialize<DialogEventDelivery>(row.PayloadJson)!;
        Assert.Equal((DialogEvents.CaseResolved, false, "dm-1"), (delivery.Event, delivery.IsPublic, delivery.Reference.Conversation?.Id));
    }

    [Fact]
    public async Task Resolving_an_email_case_sends_a_resolution_notice()
    {
        var value = AssignedCase("ana", origin: PublicOnlyOrigin(), email: "dana@example.com");
        Holds(value);

        var result = await desk.ResolveAsync(value.Id, "ana", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.Done, result.Outcome);
        var row = Assert.Single(Assert.Single(stored).Outbox);
        Assert.Equal((OutboxKind.Email, "case-resolved/" + value.Id), (row.Kind, row.IdempotencyKey));
        var email = EmailIn(row);
        Assert.Equal("dana@example.com", email.To);
    }

    [Fact]
    public async Task Only_the_assignee_resolves()
    {
        var value = AssignedCase("ana");
        Holds(value);

        var result = await desk.ResolveAsync(value.Id, "ben", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.Forbidden, result.Outcome);
        Assert.Equal(CaseStatus.Assigned, value.Status);
    }

    [Fact]
    public async Task Handing_back_runs_case_handed_back_in_the_private_conversation()
    {
        var value = AssignedCase("ana");
        Holds(value);

        var result = await desk.HandBackAsync(value.Id, "ana", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.Done, result.Outcome);
        Assert.Equal(CaseStatus.HandedBack, result.Case!.Case.Status);
        var row = Assert.Single(Assert.Single(stored).Outbox);
        Assert.Equal((OutboxKind.DialogEvent, "case-handed-back/" + value.Id), (row.Kind, row.IdempotencyKey));
        Assert.Equal(DialogEvents.CaseHandedBack, ActivityJson.Deserialize<DialogEventDelivery>(row.PayloadJson)!.Event);
    }

    [Fact]
    public async Task Any_agent_may_hand_back_a_queued_case()
    {
        var value = QueuedCase();
        Holds(value);

        var result = await desk.HandBackAsync(value.Id, "ben", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.Done, result.Outcome);
    }

    [Fact]
    public async Task Another_agent_may_not_hand_back_a_claimed_case()
    {
        var value = AssignedCase("ana");
        Holds(value);

        var result = await desk.HandBackAsync(value.Id, "ben", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.Forbidden, result.Outcome);
        Assert.Empty(stored);
    }

    [Fact]
    public async Task A_supervisor_reassigns_someone_elses_case_and_changes_its_priority_with_nothing_sent()
    {
        var value = AssignedCase("ana");
        Holds(value);

        var moved = await desk.ReassignAsync(value.Id, "ben", "sue", CancellationToken.None);
        var raised = await desk.ChangePriorityAsync(value.Id, CareBot.Dialogs.Model.Priority.Urgent, "sue", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.Done, moved.Outcome);
        Assert.Equal(CaseEventNames.Reassigned, Assert.Single(moved.Events).Name);
        Assert.Equal(CaseEventNames.PriorityChanged, Assert.Single(raised.Events).Name);
        Assert.Equal(("ben", CareBot.Dialogs.Model.Priority.Urgent), (value.Assignee, value.Priority));
        Assert.All(stored, s => Assert.Empty(s.Outbox));
        Assert.Equal(2, stored.Count);
    }

    [Fact]
    public async Task Reassigning_to_the_current_assignee_is_a_conflict_and_stores_nothing()
    {
        var value = AssignedCase("ana");
        Holds(value);

        var result = await desk.ReassignAsync(value.Id, "ana", "sue", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.Conflict, result.Outcome);
        Assert.Contains("already assigned to 'ana'", result.Problem, StringComparison.Ordinal);
        Assert.Empty(stored);
    }

    [Fact]
    public async Task A_concurrent_change_is_read_again_and_the_action_retried()
    {
        var first = AssignedCase("ana");
        var again = AssignedCase("ana");
        again.RecordCustomerMessage(CaseThread.Private, "Hello?", Now.AddMinutes(10));
        store.SetupSequence(s => s.GetAsync(first.Id, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CaseRecord(first, 4))
            .ReturnsAsync(new CaseRecord(again, 5));
        store.SetupSequence(s => s.UpdateAsync(It.IsAny<Case>(), It.IsAny<long>(), It.IsAny<IReadOnlyList<NewOutboxMessage>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new CaseConflictException(first.Id, 4))
            .ReturnsAsync(6);

        var result = await desk.ReplyAsync(first.Id, "ana", "On it.", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.Done, result.Outcome);
        Assert.Same(again, result.Case!.Case);
        Assert.Equal(6, result.Case.Version);
        Assert.Equal(["Hello?", "On it."], again.Transcript.TakeLast(2).Select(l => l.Text));
        store.Verify(s => s.UpdateAsync(again, 5, It.IsAny<IReadOnlyList<NewOutboxMessage>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_case_that_keeps_changing_gives_up_after_three_attempts_with_a_conflict()
    {
        store.Setup(s => s.GetAsync("C-1042", It.IsAny<CancellationToken>())).ReturnsAsync(() => new CaseRecord(AssignedCase("ana"), 4));
        store.Setup(s => s.UpdateAsync(It.IsAny<Case>(), It.IsAny<long>(), It.IsAny<IReadOnlyList<NewOutboxMessage>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new CaseConflictException("C-1042", 4));

        var result = await desk.ReplyAsync("C-1042", "ana", "On it.", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.Conflict, result.Outcome);
        Assert.Contains("try again", result.Problem, StringComparison.Ordinal);
        Assert.Empty(result.Events);

        store.Verify(s => s.UpdateAsync(It.IsAny<Case>(), It.IsAny<long>(), It.IsAny<IReadOnlyList<NewOutboxMessage>>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task An_unknown_case_is_not_found()
    {
        store.Setup(s => s.GetAsync("C-999", It.IsAny<CancellationToken>())).ReturnsAsync((CaseRecord?)null);

        Assert.Equal(AgentActionOutcome.NotFound, (await desk.ReplyAsync("C-999", "ana", "Hi", CancellationToken.None)).Outcome);
        Assert.Equal(AgentActionOutcome.NotFound, (await desk.ResolveAsync("C-999", "ana", CancellationToken.None)).Outcome);
        Assert.Equal(AgentActionOutcome.NotFound, (await desk.HandBackAsync("C-999", "ana", CancellationToken.None)).Outcome);
    }

    [Theory]
    [InlineData("1042")]
    [InlineData("C-")]
    [InlineData("C-abc")]
    [InlineData("../etc")]
    public async Task A_malformed_id_is_not_found_without_asking_the_store(string id)
    {
        var result = await desk.ReplyAsync(id, "ana", "Hi", CancellationToken.None);

        Assert.Equal(AgentActionOutcome.NotFound, result.Outcome);
        store.VerifyNoOtherCalls();
    }
}
