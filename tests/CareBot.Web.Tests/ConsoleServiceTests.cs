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

    private ConsoleDesk Desk() => new(accounts.Object, cases.Object, null!, new CaseEventFeed());

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
    public async Task The_inbox_puts_higher_priority_first_then_the_earlier_due_time_and_mine_shows_only_my_cases()
    {
        var normalLate = TestCases.Queued(1, priority: Priority.Normal);
        var urgent = TestCases.Queued(2, priority: Priority.Urgent);
        var normalSoon = TestCases.Queued(3, priority: Priority.Normal);
        typeof(Case).GetProperty(nameof(Case.FirstResponseDue))!.SetValue(normalSoon, Now.AddMinutes(5));
        var billing = TestCases.Queued(4, priority: Priority.Urgent, queue: "billing");
        cases.Setup(c => c.ListAsync(It.Is<CaseQuery>(q => q.Status == CaseStatus.Queued), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new CaseRecord(normalLate, 1), new CaseRecord(urgent, 1), new CaseRecord(normalSoon, 1), new CaseRecord(billing, 1)]);
        cases.Setup(c => c.ListAsync(It.Is<CaseQuery>(q => q.Status != CaseStatus.Queued), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var inbox = new ConsoleInbox(cases.Object);

        var all = await inbox.LoadAsync(InboxView.All, Account(), 2, CancellationToken.None);
        var mine = await inbox.LoadAsync(InboxView.Mine, Account(), 10, CancellationToken.None);

        Assert.Equal(["C-2", "C-3"], all.Cases.Select(c => c.Id));
        Assert.True(all.HasMore);
        Assert.Empty(mine.Cases);
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
