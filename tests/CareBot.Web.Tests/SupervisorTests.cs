using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Web.Console;
using Microsoft.Extensions.Time.Testing;
using Moq;
using CareBot.Dialogs.Model;

namespace CareBot.Web.Tests;

/// <summary>The supervisor board's numbers and who may reassign or change priority.</summary>
public sealed class SupervisorTests
{
    private static readonly DateTimeOffset Now = TestCases.Opened;
    private readonly Mock<IAgentAccountStore> accounts = new();
    private readonly Mock<ICaseStore> cases = new();

    private static AgentAccount Account(string name, AgentRole role = AgentRole.Agent, bool disabled = false, params string[] queues) =>
        new(name, name, role, queues.Length == 0 ? ["care"] : queues, disabled, "hash", 0, null, Now);

    private void Given(AgentAccount account) =>
        accounts.Setup(a => a.GetAsync(account.UserName, It.IsAny<CancellationToken>())).ReturnsAsync(account);

    private ConsoleDesk Desk() => new(accounts.Object, cases.Object, null!, new CaseEventFeed(), new FakeTimeProvider(Now));

    [Fact]
    public async Task An_agent_may_neither_reassign_nor_change_priority()
    {
        Given(Account("ana"));
        Given(Account("ben"));
        var value = TestCases.Queued(1001);
        cases.Setup(c => c.GetAsync(value.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new CaseRecord(value, 1));

        var reassign = await Desk().ReassignAsync("ana", value.Id, "ben", CancellationToken.None);
        var priority = await Desk().ChangePriorityAsync("ana", value.Id, Priority.Urgent, CancellationToken.None);

        Assert.Contains("Only a supervisor or an admin can reassign", reassign.Problem, StringComparison.Ordinal);
        Assert.Contains("Only a supervisor or an admin can change", priority.Problem, StringComparison.Ordinal);
        cases.Verify(c => c.UpdateAsync(It.IsAny<Case>(), It.IsAny<long>(), It.IsAny<IReadOnlyList<NewOutboxMessage>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("otto")]
    [InlineData("gone")]
    [InlineData("dora")]
    [InlineData("")]
    public async Task A_supervisor_cannot_give_a_case_to_an_account_outside_its_queue_disabled_or_unknown(string target)
    {
        Given(Account("sue", AgentRole.Supervisor));
        Given(Account("otto", queues: "billing"));
        Given(Account("dora", disabled: true));
        var value = TestCases.Queued(1002);
        cases.Setup(c => c.GetAsync(value.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new CaseRecord(value, 1));

        var result = await Desk().ReassignAsync("sue", value.Id, target, CancellationToken.None);

        Assert.False(result.Done);
        Assert.Contains("enabled account that works the 'care' queue", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_board_shows_the_stores_counts_and_the_cases_due_within_30_minutes_from_summaries_never_documents()
    {
        var soon = TestCases.Queued(1, queue: "care");
        typeof(Case).GetProperty(nameof(Case.FirstResponseDue))!.SetValue(soon, Now.AddMinutes(29));
        var breached = TestCases.Queued(2, queue: "care");
        typeof(Case).GetProperty(nameof(Case.FirstResponseDue))!.SetValue(breached, Now.AddMinutes(-5));
        var claimed = TestCases.Queued(4, queue: "care");
        claimed.Claim("ana", Now);
        cases.Setup(c => c.CountOpenAsync(It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new OpenCaseCount("billing", CaseStatus.Queued, null, 1),
            new OpenCaseCount("care", CaseStatus.Assigned, "ana", 3),
            new OpenCaseCount("care", CaseStatus.Assigned, "carl", 1),
            new OpenCaseCount("care", CaseStatus.Queued, null, 2),
        ]);
        cases.Setup(c => c.ListSummariesAsync(It.Is<CaseListQuery>(q => q.DueBy == Now.AddMinutes(30) && q.Assignee == null), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CaseSummaryPage([CaseSummary.Of(soon), CaseSummary.Of(breached)], HasMore: false));
        cases.Setup(c => c.ListSummariesAsync(It.Is<CaseListQuery>(q => q.Assignee == "ana"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CaseSummaryPage([CaseSummary.Of(claimed)], HasMore: false));
        cases.Setup(c => c.ListSummariesAsync(It.Is<CaseListQuery>(q => q.DueBy == null && q.Assignee == null), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CaseSummaryPage([CaseSummary.Of(soon), CaseSummary.Of(breached), CaseSummary.Of(claimed)], HasMore: false));
        accounts.Setup(a => a.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync([Account("ana"), Account("ben")]);

        var board = await new ConsoleBoard(cases.Object, accounts.Object).LoadAsync(Now, CancellationToken.None);

        Assert.Equal(
            [("billing", CaseStatus.Queued, 1), ("care", CaseStatus.Queued, 2), ("care", CaseStatus.Assigned, 4)],
            board.Queues.Select(q => (q.Queue, q.Status, q.Count)));
        Assert.Equal(["C-2", "C-1"], board.AtRisk.Select(c => c.Id));
        var ana = board.Agents.Single(a => a.Account.UserName == "ana");
        Assert.Equal(3, ana.Count);
        Assert.Equal(["C-4"], ana.Cases.Select(c => c.Id));
        Assert.Equal(0, board.Agents.Single(a => a.Account.UserName == "ben").Count);
        Assert.Equal(3, board.Open.Count);
        cases.Verify(c => c.ListSummariesAsync(It.Is<CaseListQuery>(q => q.Assignee == "ben"), It.IsAny<CancellationToken>()), Times.Never);
        cases.Verify(c => c.ListAsync(It.IsAny<CaseQuery>(), It.IsAny<CancellationToken>()), Times.Never);
        cases.Verify(c => c.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
