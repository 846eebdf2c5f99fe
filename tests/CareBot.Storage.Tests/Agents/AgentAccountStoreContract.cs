using CareBot.Care.Agents;
using CareBot.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Storage.Tests.Agents;

/// <summary>What every <see cref="IAgentAccountStore"/> does, whatever the engine.</summary>
public abstract class AgentAccountStoreContract(StorageFixture fixture)
{
    private static readonly DateTimeOffset Created = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private IAgentAccountStore Store => fixture.Get<IAgentAccountStore>();

    private static string NewName() => "ana" + Guid.NewGuid().ToString("N")[..10];

    private static AgentAccount Account(string name, AgentRole role = AgentRole.Agent, params string[] queues) =>
        new(name, "Ana Lima", role, queues.Length == 0 ? ["care"] : queues, Disabled: false, "hash-1", 0, null, Created);

    [Fact]
    public async Task An_added_account_reads_back_field_for_field()
    {
        var account = Account(NewName(), AgentRole.Supervisor, "care", "billing") with { DisplayName = "Ana Lima 😀 Ñ" };

        Assert.True(await Store.AddAsync(account, CancellationToken.None));

        var read = await Store.GetAsync(account.UserName, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(account.UserName, read.UserName);
        Assert.Equal("Ana Lima 😀 Ñ", read.DisplayName);
        Assert.Equal(AgentRole.Supervisor, read.Role);
        Assert.Equal(["care", "billing"], read.Queues);
        Assert.False(read.Disabled);
        Assert.Equal("hash-1", read.PasswordHash);
        Assert.Equal(0, read.FailedAttempts);
        Assert.Null(read.LockedOutUntil);
        Assert.Equal(Created, read.CreatedAt);
    }

    [Fact]
    public async Task An_e_mail_address_is_stored_with_the_account_changed_and_removed()
    {
        var name = NewName();
        var other = NewName();
        Assert.True(await Store.AddAsync(Account(name) with { Email = "ana@example.com" }, CancellationToken.None));
        Assert.True(await Store.AddAsync(Account(other), CancellationToken.None));

        var added = await Store.GetAsync(name, CancellationToken.None);
        Assert.True(await Store.SetEmailAsync(other, "ben@example.org", CancellationToken.None));
        var changed = await Store.GetAsync(other, CancellationToken.None);
        Assert.True(await Store.SetEmailAsync(name, null, CancellationToken.None));
        var removed = await Store.GetAsync(name, CancellationToken.None);

        Assert.Equal("ana@example.com", added!.Email);
        Assert.Equal("ben@example.org", changed!.Email);
        Assert.Null(removed!.Email);
        Assert.Contains(await Store.ListAsync(CancellationToken.None), a => a.UserName == other && a.Email == "ben@example.org");
        Assert.False(await Store.SetEmailAsync(NewName(), "x@example.com", CancellationToken.None));
    }

    [Fact]
    public async Task Setting_the_queues_replaces_them_only_and_an_unknown_name_is_false()
    {
        var name = NewName();
        Assert.True(await Store.AddAsync(Account(name, AgentRole.Agent, "care", "billing"), CancellationToken.None));

        Assert.True(await Store.SetQueuesAsync(name, ["returns", "care"], CancellationToken.None));
        Assert.False(await Store.SetQueuesAsync(NewName(), ["care"], CancellationToken.None));

        var read = await Store.GetAsync(name, CancellationToken.None);
        Assert.Equal(["returns", "care"], read!.Queues);
        Assert.Equal(Account(name, AgentRole.Agent) with { Queues = read.Queues }, read);
        Assert.True(await Store.SetQueuesAsync(name, [], CancellationToken.None));
        Assert.Empty((await Store.GetAsync(name, CancellationToken.None))!.Queues);
    }

    [Fact]
    public async Task Setting_the_role_changes_the_role_only_and_an_unknown_name_is_false()
    {
        var name = NewName();
        Assert.True(await Store.AddAsync(Account(name, AgentRole.Agent, "care", "billing"), CancellationToken.None));

        Assert.True(await Store.SetRoleAsync(name, AgentRole.Supervisor, CancellationToken.None));
        Assert.False(await Store.SetRoleAsync(NewName(), AgentRole.Admin, CancellationToken.None));

        var read = await Store.GetAsync(name, CancellationToken.None);
        Assert.Equal(AgentRole.Supervisor, read!.Role);
        Assert.Equal(Account(name, AgentRole.Supervisor, "care", "billing") with { Queues = read.Queues }, read);
        Assert.Equal(["care", "billing"], read.Queues);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("Ana <ana@example.com>")]
    [InlineData("ana@example.com, eve@example.com")]
    [InlineData("ana@example.com\r\nBcc: eve@example.com")]
    public async Task An_unusable_e_mail_address_is_refused_and_nothing_is_stored(string email)
    {
        var name = NewName();
        Assert.True(await Store.AddAsync(Account(name), CancellationToken.None));

        await Assert.ThrowsAsync<ArgumentException>(() => Store.SetEmailAsync(name, email, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddAsync(Account(NewName()) with { Email = email }, CancellationToken.None));

        Assert.Null((await Store.GetAsync(name, CancellationToken.None))!.Email);
    }

    [Fact]
    public async Task Adding_a_taken_user_name_is_refused_and_keeps_the_first()
    {
        var name = NewName();
        Assert.True(await Store.AddAsync(Account(name), CancellationToken.None));

        Assert.False(await Store.AddAsync(Account(name, AgentRole.Admin) with { PasswordHash = "other" }, CancellationToken.None));

        var read = await Store.GetAsync(name, CancellationToken.None);
        Assert.Equal(AgentRole.Agent, read!.Role);
        Assert.Equal("hash-1", read.PasswordHash);
    }

    [Fact]
    public async Task An_unknown_user_name_reads_as_null_and_changes_nothing()
    {
        var name = NewName();

        Assert.Null(await Store.GetAsync(name, CancellationToken.None));
        Assert.False(await Store.SetDisabledAsync(name, true, CancellationToken.None));
        Assert.False(await Store.SetPasswordHashAsync(name, "h", CancellationToken.None));
        Assert.Null(await Store.RecordFailedSignInAsync(name, 5, Created, CancellationToken.None));
    }

    [Fact]
    public async Task The_list_has_every_account_by_user_name_and_any_says_so()
    {
        var prefix = NewName();
        await Store.AddAsync(Account(prefix + "-b"), CancellationToken.None);
        await Store.AddAsync(Account(prefix + "-a"), CancellationToken.None);

        var mine = (await Store.ListAsync(CancellationToken.None)).Where(a => a.UserName.StartsWith(prefix, StringComparison.Ordinal)).ToList();

        Assert.Equal([prefix + "-a", prefix + "-b"], mine.Select(a => a.UserName));
        Assert.True(await Store.AnyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_fresh_database_has_no_account()
    {
        await using var empty = fixture.CreateServices(await fixture.CreateDatabaseAsync());
        var store = (IAgentAccountStore)empty.GetService(typeof(IAgentAccountStore))!;

        Assert.False(await store.AnyAsync(CancellationToken.None));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Disabling_and_enabling_is_stored()
    {
        var name = NewName();
        await Store.AddAsync(Account(name), CancellationToken.None);

        Assert.True(await Store.SetDisabledAsync(name, true, CancellationToken.None));
        Assert.True((await Store.GetAsync(name, CancellationToken.None))!.Disabled);

        Assert.True(await Store.SetDisabledAsync(name, false, CancellationToken.None));
        Assert.False((await Store.GetAsync(name, CancellationToken.None))!.Disabled);
    }

    // A database of its own: these tests count every admin in it.
    private async Task<(ServiceProvider Services, IAgentAccountStore Store)> StoreWithAdminsAsync(params string[] admins)
    {
        var services = fixture.CreateServices(await fixture.CreateDatabaseAsync());
        var store = services.GetRequiredService<IAgentAccountStore>();
        foreach (var admin in admins)
        {
            await store.AddAsync(Account(admin, AgentRole.Admin), CancellationToken.None);
        }

        return (services, store);
    }

    [Fact]
    public async Task The_last_enabled_admin_can_be_neither_demoted_nor_disabled_and_other_changes_go_through()
    {
        var (fresh, store) = await StoreWithAdminsAsync("ada", "bea");
        await using var _ = fresh;
        await store.AddAsync(Account("old", AgentRole.Admin) with { Disabled = true }, CancellationToken.None);
        await store.AddAsync(Account("ana"), CancellationToken.None);

        Assert.Equal(AccessChange.Done, await store.SetRoleKeepingAnAdminAsync("bea", AgentRole.Agent, CancellationToken.None));
        // A disabled admin cannot sign in, so it does not count.
        Assert.Equal(AccessChange.WouldLeaveNoAdmin, await store.SetRoleKeepingAnAdminAsync("ada", AgentRole.Supervisor, CancellationToken.None));
        Assert.Equal(AccessChange.WouldLeaveNoAdmin, await store.SetDisabledKeepingAnAdminAsync("ada", true, CancellationToken.None));
        Assert.Equal(AccessChange.Done, await store.SetDisabledKeepingAnAdminAsync("ana", true, CancellationToken.None));
        Assert.Equal(AccessChange.Done, await store.SetRoleKeepingAnAdminAsync("ada", AgentRole.Admin, CancellationToken.None));
        Assert.Equal(AccessChange.NoSuchAccount, await store.SetDisabledKeepingAnAdminAsync("zed", true, CancellationToken.None));
        Assert.Equal(AccessChange.NoSuchAccount, await store.SetRoleKeepingAnAdminAsync("zed", AgentRole.Agent, CancellationToken.None));

        var ada = (await store.GetAsync("ada", CancellationToken.None))!;
        Assert.Equal((AgentRole.Admin, false), (ada.Role, ada.Disabled));
        Assert.Equal(AgentRole.Agent, (await store.GetAsync("bea", CancellationToken.None))!.Role);
        Assert.True((await store.GetAsync("ana", CancellationToken.None))!.Disabled);

        // Once the old admin is enabled again, ada may go.
        Assert.Equal(AccessChange.Done, await store.SetDisabledKeepingAnAdminAsync("old", false, CancellationToken.None));
        Assert.Equal(AccessChange.Done, await store.SetDisabledKeepingAnAdminAsync("ada", true, CancellationToken.None));
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_the_same_moment_leave_exactly_one_admin()
    {
        var (fresh, store) = await StoreWithAdminsAsync("ada", "bea");
        await using var _ = fresh;

        // Many rounds, because a check outside the change loses only when the two interleave.
        for (var round = 0; round < 30; round++)
        {
            using var start = new ManualResetEventSlim();
            var demoteAda = Task.Run(() => { start.Wait(); return store.SetRoleKeepingAnAdminAsync("ada", AgentRole.Agent, CancellationToken.None); });
            var disableBea = Task.Run(() => { start.Wait(); return store.SetDisabledKeepingAnAdminAsync("bea", true, CancellationToken.None); });
            start.Set();

            var outcomes = await Task.WhenAll(demoteAda, disableBea);

            Assert.Equal([AccessChange.Done, AccessChange.WouldLeaveNoAdmin], outcomes.Order());
            var admins = (await store.ListAsync(CancellationToken.None)).Where(a => a.Role == AgentRole.Admin && !a.Disabled).ToList();
            Assert.Single(admins);
            await store.SetRoleAsync("ada", AgentRole.Admin, CancellationToken.None);
            await store.SetDisabledAsync("bea", false, CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_max_failed_sign_in_locks_the_account_and_starts_counting_again()
    {
        var name = NewName();
        var until = Created.AddMinutes(15);
        await Store.AddAsync(Account(name), CancellationToken.None);

        var first = await Store.RecordFailedSignInAsync(name, 3, until, CancellationToken.None);
        var second = await Store.RecordFailedSignInAsync(name, 3, until, CancellationToken.None);
        Assert.Equal(1, first!.FailedAttempts);
        Assert.Equal(2, second!.FailedAttempts);
        Assert.Null(second.LockedOutUntil);

        var third = await Store.RecordFailedSignInAsync(name, 3, until, CancellationToken.None);

        Assert.Equal(until, third!.LockedOutUntil);
        Assert.Equal(0, third.FailedAttempts);
        Assert.True(third.IsLockedOut(Created));
        Assert.False(third.IsLockedOut(until));
    }

    [Fact]
    public async Task Racing_wrong_passwords_all_count()
    {
        var name = NewName();
        await Store.AddAsync(Account(name), CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Store.RecordFailedSignInAsync(name, 100, Created, CancellationToken.None)));

        Assert.Equal(8, (await Store.GetAsync(name, CancellationToken.None))!.FailedAttempts);
    }

    [Fact]
    public async Task A_successful_sign_in_forgets_the_wrong_passwords()
    {
        var name = NewName();
        await Store.AddAsync(Account(name), CancellationToken.None);
        await Store.RecordFailedSignInAsync(name, 5, Created, CancellationToken.None);

        await Store.RecordSignInAsync(name, CancellationToken.None);

        Assert.Equal(0, (await Store.GetAsync(name, CancellationToken.None))!.FailedAttempts);
    }

    [Fact]
    public async Task A_new_password_replaces_the_hash_and_lifts_the_lock_out()
    {
        var name = NewName();
        await Store.AddAsync(Account(name), CancellationToken.None);
        await Store.RecordFailedSignInAsync(name, 1, Created.AddHours(1), CancellationToken.None);

        Assert.True(await Store.SetPasswordHashAsync(name, "hash-2", CancellationToken.None));

        var read = await Store.GetAsync(name, CancellationToken.None);
        Assert.Equal("hash-2", read!.PasswordHash);
        Assert.Null(read.LockedOutUntil);
        Assert.Equal(0, read.FailedAttempts);
    }

    [Fact]
    public async Task Accounts_survive_a_restart()
    {
        var name = NewName();
        await Store.AddAsync(Account(name), CancellationToken.None);

        await using var restarted = fixture.Reopen();
        var store = (IAgentAccountStore)restarted.GetService(typeof(IAgentAccountStore))!;

        Assert.Equal(name, (await store.GetAsync(name, CancellationToken.None))!.UserName);
    }
}
