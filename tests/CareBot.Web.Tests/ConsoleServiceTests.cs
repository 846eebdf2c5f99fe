using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Web.Console;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using CareBot.Dialogs.Model;

namespace CareBot.Web.Tests;

/// <summary>The console's services: who may act, how the inbox orders, how sign-in meets wrong passwords.</summary>
public sealed class ConsoleServiceTests
{
    private static readonly DateTimeOffset Now = TestCases.Opened;
    private readonly Mock<IAgentAccountStore> accounts = new();
    private readonly Mock<ICaseStore> cases = new();
    private readonly AgentPasswords passwords = new();

    private AgentAccount Account(string name = "ana", AgentRole role = AgentRole.Agent, bool disabled = false, DateTimeOffset? lockedUntil = null, params string[] queues) =>
        new(name, name, role, queues.Length == 0 ? ["care"] : queues, disabled, passwords.Hash("correct horse battery"), 0, lockedUntil, Now);

    private void Given(AgentAccount account) =>
        accounts.Setup(a => a.GetAsync(account.UserName, It.IsAny<CancellationToken>())).ReturnsAsync(account);

    private void Given(Case value) =>
        cases.Setup(c => c.GetAsync(value.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new CaseRecord(value, 1));

    private ConsoleDesk Desk() => new(accounts.Object, cases.Object, null!, new CaseEventFeed(), new FakeTimeProvider(Now));

    [Fact]
    public async Task A_disabled_account_cannot_claim()
    {
        Given(Account(disabled: true));
        Given(TestCases.Queued(1001));

        var result = await Desk().ClaimAsync("ana", "C-1001", CancellationToken.None);

        Assert.False(result.Done);
        Assert.Contains("disabled", result.Problem, StringComparison.Ordinal);
        cases.Verify(c => c.TryClaimAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_claim_that_arrives_after_someone_else_claimed_the_case_says_who_claimed_it()
    {
        Given(Account("ana"));
        Given(new AgentAccount("ben", "Ben Okafor", AgentRole.Agent, ["care"], false, "hash", 0, null, Now));
        Given(TestCases.Queued(1001));
        var taken = TestCases.Queued(1001);
        taken.Claim("ben", Now);
        cases.Setup(c => c.TryClaimAsync("C-1001", "ana", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CaseClaimResult(CaseClaimOutcome.NotClaimable, new CaseRecord(taken, 2), null));

        var result = await Desk().ClaimAsync("ana", "C-1001", CancellationToken.None);

        Assert.False(result.Done);
        Assert.Equal("Ben Okafor claimed this case.", result.Problem);
    }

    [Fact]
    public async Task An_agent_cannot_claim_or_note_a_case_of_a_queue_they_do_not_work_but_a_supervisor_can()
    {
        Given(Account("otto", queues: "billing"));
        Given(Account("sue", AgentRole.Supervisor, queues: "billing"));
        var value = TestCases.Queued(1002);
        Given(value);
        cases.Setup(c => c.TryClaimAsync("C-1002", "sue", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CaseClaimResult(CaseClaimOutcome.Claimed, new CaseRecord(value, 2), new CaseEvent(CaseEventNames.Assigned, "C-1002", Now, "sue")));

        var claim = await Desk().ClaimAsync("otto", "C-1002", CancellationToken.None);
        var note = await Desk().AddNoteAsync("otto", "C-1002", "hello", CancellationToken.None);
        var supervisor = await Desk().ClaimAsync("sue", "C-1002", CancellationToken.None);

        Assert.Contains("queue, which you don't work", claim.Problem, StringComparison.Ordinal);
        Assert.False(note.Done);
        cases.Verify(c => c.AppendNoteAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.True(supervisor.Done);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_reply_or_note_is_refused_before_anything_is_read(string text)
    {
        var reply = await Desk().ReplyAsync("ana", "C-1", text, CancellationToken.None);
        var note = await Desk().AddNoteAsync("ana", "C-1", text, CancellationToken.None);

        Assert.False(reply.Done);
        Assert.False(note.Done);
        accounts.VerifyNoOtherCalls();
    }

    [Fact]
    public void Each_view_asks_the_store_for_its_statuses_within_the_queues_the_account_works()
    {
        var agent = Account(queues: ["care", "billing"]);
        var supervisor = Account("sue", AgentRole.Supervisor);

        var all = ConsoleInbox.QueryFor(new InboxFilter(), agent, 50);
        var mine = ConsoleInbox.QueryFor(new InboxFilter(InboxView.Mine, MinPriority: Priority.High), agent, 50);
        var oneQueue = ConsoleInbox.QueryFor(new InboxFilter(InboxView.Unassigned, "billing"), agent, 50);
        var notMine = ConsoleInbox.QueryFor(new InboxFilter(InboxView.Unassigned, "sales"), agent, 50);
        var everyQueue = ConsoleInbox.QueryFor(new InboxFilter(InboxView.Unassigned), supervisor, 5_000);

        Assert.Equal([CaseStatus.Queued, CaseStatus.Assigned, CaseStatus.WaitingOnCustomer], all.Statuses);
        Assert.Equal(["care", "billing"], all.Queues!);
        Assert.Null(all.Assignee);
        Assert.Equal("ana", mine.Assignee);
        Assert.Equal(Priority.High, mine.MinPriority);
        Assert.Equal([CaseStatus.Assigned, CaseStatus.WaitingOnCustomer], mine.Statuses);
        Assert.Equal(["billing"], oneQueue.Queues!);
        Assert.Empty(notMine.Queues!);
        Assert.Null(everyQueue.Queues);
        Assert.Equal(CaseListQuery.MaxLimit, everyQueue.Limit);
    }

    [Fact]
    public async Task An_inbox_filter_is_saved_per_agent_and_a_broken_one_reads_as_the_default()
    {
        var preferences = new Mock<IAgentPreferenceStore>();
        string? saved = null;
        preferences.Setup(p => p.SaveAsync("ana", ConsoleInbox.FilterPreference, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, string, CancellationToken>((_, _, json, _) => saved = json)
            .Returns(Task.CompletedTask);
        preferences.Setup(p => p.GetAsync("ana", ConsoleInbox.FilterPreference, It.IsAny<CancellationToken>())).ReturnsAsync(() => saved);
        preferences.Setup(p => p.GetAsync("ben", ConsoleInbox.FilterPreference, It.IsAny<CancellationToken>())).ReturnsAsync("{not json");
        var inbox = new ConsoleInbox(cases.Object, preferences.Object);
        var filter = new InboxFilter(InboxView.Unassigned, "care", Priority.Urgent);

        await inbox.SaveFilterAsync(Account(), filter, CancellationToken.None);

        Assert.Equal(filter, await inbox.LoadFilterAsync(Account(), CancellationToken.None));
        Assert.Equal(new InboxFilter(), await inbox.LoadFilterAsync(Account("ben"), CancellationToken.None));
    }

    [Fact]
    public async Task A_locked_account_is_refused_even_with_the_right_password_and_nothing_is_counted()
    {
        Given(Account(lockedUntil: Now.AddMinutes(10)));
        var signIn = new AgentSignIn(accounts.Object, passwords, Options.Create(new AgentSignInOptions()), new FakeTimeProvider(Now));

        var result = await signIn.SignInAsync("ANA ", "correct horse battery", CancellationToken.None);

        Assert.Equal(AgentSignInOutcome.LockedOut, result.Outcome);
        accounts.Verify(a => a.RecordFailedSignInAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_wrong_password_is_counted_with_the_configured_lock_out_and_the_last_one_locks()
    {
        var account = Account();
        Given(account);
        accounts.Setup(a => a.RecordFailedSignInAsync("ana", 3, Now.AddMinutes(30), It.IsAny<CancellationToken>()))
            .ReturnsAsync(account with { LockedOutUntil = Now.AddMinutes(30) });
        var signIn = new AgentSignIn(accounts.Object, passwords, Options.Create(new AgentSignInOptions { MaxFailedAttempts = 3, LockOutDuration = TimeSpan.FromMinutes(30) }), new FakeTimeProvider(Now));

        var result = await signIn.SignInAsync("ana", "wrong password", CancellationToken.None);

        Assert.Equal(AgentSignInOutcome.LockedOut, result.Outcome);
        Assert.Null(result.Account);
    }

    [Fact]
    public async Task A_disabled_account_with_the_right_password_and_an_unknown_name_are_refused()
    {
        Given(Account(disabled: true));
        var signIn = new AgentSignIn(accounts.Object, passwords, Options.Create(new AgentSignInOptions()), new FakeTimeProvider(Now));

        var disabled = await signIn.SignInAsync("ana", "correct horse battery", CancellationToken.None);
        var unknown = await signIn.SignInAsync("nobody", "correct horse battery", CancellationToken.None);

        Assert.Equal(AgentSignInOutcome.Disabled, disabled.Outcome);
        Assert.Equal(AgentSignInOutcome.WrongCredentials, unknown.Outcome);
    }

    [Fact]
    public void Only_a_local_path_is_a_return_url()
    {
        Assert.Equal("/agent/cases/C-1", CareBot.Web.Hosting.SignInEndpoints.SafeReturnUrl("/agent/cases/C-1"));
        Assert.Equal("/agent", CareBot.Web.Hosting.SignInEndpoints.SafeReturnUrl("//evil.example/x"));
        Assert.Equal("/agent", CareBot.Web.Hosting.SignInEndpoints.SafeReturnUrl("/\\evil.example"));
        Assert.Equal("/agent", CareBot.Web.Hosting.SignInEndpoints.SafeReturnUrl("https://evil.example/"));
        Assert.Equal("/agent", CareBot.Web.Hosting.SignInEndpoints.SafeReturnUrl(null));
    }
}
