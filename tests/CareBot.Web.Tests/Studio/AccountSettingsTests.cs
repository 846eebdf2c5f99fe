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
        store.Setup(s => s.SetDisabledAsync("ana", true, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var audit = new InMemoryStudioStore();
        var settings = new AccountSettings(store.Object, audit, TimeProvider.System);

        var problem = await settings.SetDisabledAsync("ana", true, "ada", CancellationToken.None);

        Assert.Null(problem);
        store.Verify(s => s.SetDisabledAsync("ana", true, It.IsAny<CancellationToken>()), Times.Once);
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
        var audit = new InMemoryStudioStore();

        var problem = await new AccountSettings(store.Object, audit, TimeProvider.System).SetDisabledAsync("zed", true, "ada", CancellationToken.None);

        Assert.Equal("There is no account 'zed'.", problem);
        Assert.Empty(await audit.ListAuditAsync(10, CancellationToken.None));
    }
}
