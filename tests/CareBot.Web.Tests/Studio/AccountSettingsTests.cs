using CareBot.Care.Agents;
using CareBot.Care.Studio;
using CareBot.Web.Studio;
using Moq;

namespace CareBot.Web.Tests.Studio;

/// <summary>Console accounts changed from the settings page: through the accounts store, audited.</summary>
public sealed class AccountSettingsTests
{
    [Fact]
    public async Task Disabling_an_account_goes_through_the_store_and_is_audited()
    {
        var store = new Mock<IAgentAccountStore>();
        store.Setup(s => s.SetDisabledKeepingAnAdminAsync("ana", true, It.IsAny<CancellationToken>())).ReturnsAsync(AccessChange.Done);
        var audit = new InMemoryStudioStore();
        var settings = new AccountSettings(store.Object, audit, TimeProvider.System);

        var problem = await settings.SetDisabledAsync("ana", true, "ada", CancellationToken.None);

        Assert.Null(problem);
        store.Verify(s => s.SetDisabledKeepingAnAdminAsync("ana", true, It.IsAny<CancellationToken>()), Times.Once);
        var entry = Assert.Single(await audit.ListAuditAsync(10, CancellationToken.None));
        Assert.Equal(("ada", PublicationKinds.Settings, "account:ana", "Account ana disabled."), (entry.Actor, entry.Action, entry.Subject, entry.Detail));
    }

    [Fact]
    public async Task An_admin_cannot_disable_their_own_account()
    {
        var store = new Mock<IAgentAccountStore>(MockBehavior.Strict);
        var audit = new InMemoryStudioStore();

        var problem = await new AccountSettings(store.Object, audit, TimeProvider.System).SetDisabledAsync("ada", true, "ada", CancellationToken.None);

        Assert.Contains("your own account", problem, StringComparison.Ordinal);
        Assert.Empty(await audit.ListAuditAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_account_is_named_and_nothing_is_audited()
    {
        var store = new Mock<IAgentAccountStore>();
        store.Setup(s => s.SetDisabledKeepingAnAdminAsync("zed", true, It.IsAny<CancellationToken>())).ReturnsAsync(AccessChange.NoSuchAccount);
        var audit = new InMemoryStudioStore();

        var problem = await new AccountSettings(store.Object, audit, TimeProvider.System).SetDisabledAsync("zed", true, "ada", CancellationToken.None);

        Assert.Equal("There is no account 'zed'.", problem);
        Assert.Empty(await audit.ListAuditAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task The_last_admin_cannot_be_disabled_by_another_and_nothing_is_audited()
    {
        // The store refuses (it checks inside the change: two admins disabling each other at once cannot both win).
        var store = new Mock<IAgentAccountStore>();
        store.Setup(s => s.SetDisabledKeepingAnAdminAsync("bea", true, It.IsAny<CancellationToken>())).ReturnsAsync(AccessChange.WouldLeaveNoAdmin);
        var audit = new InMemoryStudioStore();

        var problem = await new AccountSettings(store.Object, audit, TimeProvider.System).SetDisabledAsync("bea", true, "ada", CancellationToken.None);

        Assert.Contains("bea is the last admin", problem, StringComparison.Ordinal);
        Assert.Empty(await audit.ListAuditAsync(10, CancellationToken.None));
    }

    private static Mock<IAgentAccountStore> Store(AgentAccount account, AccessChange outcome)
    {
        var store = new Mock<IAgentAccountStore>();
        store.Setup(s => s.GetAsync(account.UserName, It.IsAny<CancellationToken>())).ReturnsAsync(account);
        store.Setup(s => s.SetRoleKeepingAnAdminAsync(account.UserName, It.IsAny<AgentRole>(), It.IsAny<CancellationToken>())).ReturnsAsync(outcome);
        return store;
    }

    private static AgentAccount Account(string name, AgentRole role) =>
        new(name, name, role, ["care"], false, "hash", 0, null, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task The_last_enabled_admin_cannot_stop_being_admin_and_nothing_is_audited()
    {
        var store = Store(Account("ada", AgentRole.Admin), AccessChange.WouldLeaveNoAdmin);
        var audit = new InMemoryStudioStore();

        var problem = await new AccountSettings(store.Object, audit, TimeProvider.System).SetRoleAsync("ada", AgentRole.Supervisor, "ada", CancellationToken.None);

        Assert.Contains("last admin", problem, StringComparison.Ordinal);
        Assert.Empty(await audit.ListAuditAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task A_role_change_the_store_makes_is_audited_with_the_old_and_new_role()
    {
        var store = Store(Account("bea", AgentRole.Admin), AccessChange.Done);
        var audit = new InMemoryStudioStore();

        var problem = await new AccountSettings(store.Object, audit, TimeProvider.System).SetRoleAsync("bea", AgentRole.Agent, "ada", CancellationToken.None);

        Assert.Null(problem);
        store.Verify(s => s.SetRoleKeepingAnAdminAsync("bea", AgentRole.Agent, It.IsAny<CancellationToken>()), Times.Once);
        var entry = Assert.Single(await audit.ListAuditAsync(10, CancellationToken.None));
        Assert.Equal(("account:bea", "Account bea role admin -> agent."), (entry.Subject, entry.Detail));
    }

    [Fact]
    public async Task Queues_are_set_from_a_comma_separated_list_and_a_bad_name_is_refused()
    {
        var store = new Mock<IAgentAccountStore>();
        store.Setup(s => s.SetQueuesAsync("ana", It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var audit = new InMemoryStudioStore();
        var settings = new AccountSettings(store.Object, audit, TimeProvider.System);

        Assert.Contains("not a queue name", await settings.SetQueuesAsync("ana", "care, two words", "ada", CancellationToken.None), StringComparison.Ordinal);
        Assert.Null(await settings.SetQueuesAsync("ana", " billing, care ,billing", "ada", CancellationToken.None));

        store.Verify(s => s.SetQueuesAsync("ana", It.Is<IReadOnlyList<string>>(q => q.SequenceEqual(new[] { "billing", "care" })), It.IsAny<CancellationToken>()), Times.Once);
        store.Verify(s => s.SetQueuesAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal("Account ana queues: billing, care.", Assert.Single(await audit.ListAuditAsync(10, CancellationToken.None)).Detail);
    }
}
