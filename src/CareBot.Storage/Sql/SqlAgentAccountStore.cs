using System.Data.Common;
using CareBot.Care.Agents;
using CareBot.Storage.Migrations;

namespace CareBot.Storage.Sql;

/// <summary>
/// Console accounts (table <c>agent_accounts</c>), the same SQL on both engines. Each change is one statement, so it is
/// atomic by itself, and racing sign-ins are ordered (SQLite's single writer, PostgreSQL's row locks): every wrong
/// password counts.
/// </summary>
internal sealed class SqlAgentAccountStore(ISqlEngine engine, StorageInitializer initializer) : IAgentAccountStore
{
    private const string Columns = "user_name, display_name, role, queues, disabled, password_hash, failed_attempts, locked_out_until, created_at, email";
    private const string SetDisabledSql = "UPDATE agent_accounts SET disabled = @disabled WHERE user_name = @user;";
    private const string SetRoleSql = "UPDATE agent_accounts SET role = @role WHERE user_name = @user;";

    private SqlDialect Dialect => engine.Dialect;

    public async Task<bool> AddAsync(AgentAccount account, CancellationToken cancellationToken)
    {
        AgentAccountRows.Validate(account);
        return await WriteAsync(
            $"INSERT INTO agent_accounts ({Columns}) VALUES (@user, @display, @role, @queues, @disabled, @hash, @failed, @locked, @created, @email) ON CONFLICT (user_name) DO NOTHING;",
            command => command
                .With("@user", account.UserName)
                .With("@display", account.DisplayName)
                .With("@role", AgentAccountRows.Role(account.Role))
                .With("@queues", Dialect.Strings(account.Queues))
                .With("@disabled", account.Disabled)
                .With("@hash", account.PasswordHash)
                .With("@failed", account.FailedAttempts)
                .WithTime(Dialect, "@locked", account.LockedOutUntil)
                .With("@created", Dialect.Time(account.CreatedAt))
                .WithText("@email", account.Email),
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<AgentAccount?> GetAsync(string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var found = await ReadAsync(
            $"SELECT {Columns} FROM agent_accounts WHERE user_name = @user;", command => command.With("@user", userName), cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    // Ordered by code point on both engines (PostgreSQL's default collation would follow the locale).
    public async Task<IReadOnlyList<AgentAccount>> ListAsync(CancellationToken cancellationToken) =>
        await ReadAsync($"SELECT {Columns} FROM agent_accounts ORDER BY user_name {Dialect.BinaryCollation};", _ => { }, cancellationToken).ConfigureAwait(false);

    public async Task<bool> AnyAsync(CancellationToken cancellationToken) =>
        (await ReadAsync($"SELECT {Columns} FROM agent_accounts LIMIT 1;", _ => { }, cancellationToken).ConfigureAwait(false)).Count > 0;

    public async Task<bool> SetDisabledAsync(string userName, bool disabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return await WriteAsync(
            SetDisabledSql,
            command => command.With("@user", userName).With("@disabled", disabled),
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetPasswordHashAsync(string userName, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        return await WriteAsync(
            "UPDATE agent_accounts SET password_hash = @hash, failed_attempts = 0, locked_out_until = NULL WHERE user_name = @user;",
            command => command.With("@user", userName).With("@hash", passwordHash),
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetRoleAsync(string userName, AgentRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var text = AgentAccountRows.Role(role);
        return await WriteAsync(
            SetRoleSql,
            command => command.With("@user", userName).With("@role", text),
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task<AccessChange> SetRoleKeepingAnAdminAsync(string userName, AgentRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var text = AgentAccountRows.Role(role);
        return ChangeKeepingAnAdminAsync(
            userName,
            removesAdmin: role != AgentRole.Admin,
            SetRoleSql,
            command => command.With("@user", userName).With("@role", text),
            cancellationToken);
    }

    public Task<AccessChange> SetDisabledKeepingAnAdminAsync(string userName, bool disabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return ChangeKeepingAnAdminAsync(
            userName,
            removesAdmin: disabled,
            SetDisabledSql,
            command => command.With("@user", userName).With("@disabled", disabled),
            cancellationToken);
    }

    public async Task<bool> SetQueuesAsync(string userName, IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(queues);
        var value = Dialect.Strings(queues);
        return await WriteAsync(
            "UPDATE agent_accounts SET queues = @queues WHERE user_name = @user;",
            command => command.With("@user", userName).With("@queues", value),
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetEmailAsync(string userName, string? email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        AgentAccountRows.ValidateEmail(email);
        return await WriteAsync(
            "UPDATE agent_accounts SET email = @email WHERE user_name = @user;",
            command => command.With("@user", userName).WithText("@email", email),
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<AgentAccount?> RecordFailedSignInAsync(string userName, int maxAttempts, DateTimeOffset lockOutUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        // One statement: the count and the lock-out move together. SET expressions all see the row as it was, so both
        // CASEs test the same count.
        var found = await engine.WriteAsync(
            SqlWrite.OneStatement,
            (connection, transaction) => QueryAsync(
                connection,
                transaction,
                $"""
                UPDATE agent_accounts SET
                    locked_out_until = CASE WHEN failed_attempts + 1 >= @max THEN @until ELSE locked_out_until END,
                    failed_attempts = CASE WHEN failed_attempts + 1 >= @max THEN 0 ELSE failed_attempts + 1 END
                WHERE user_name = @user
                RETURNING {Columns};
                """,
                command => command.With("@user", userName).With("@max", maxAttempts).With("@until", Dialect.Time(lockOutUntil)),
                cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task RecordSignInAsync(string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        await WriteAsync(
            "UPDATE agent_accounts SET failed_attempts = 0 WHERE user_name = @user AND failed_attempts <> 0;",
            command => command.With("@user", userName),
            cancellationToken).ConfigureAwait(false);
    }

    // Reads the enabled admins holding their rows (PostgreSQL: FOR UPDATE; SQLite: its write transaction holds the
    // whole database), then changes the account. A racing change waits for this one and then re-reads the admins as
    // they are after it, so of two admins demoting each other at once the second is refused.
    private async Task<AccessChange> ChangeKeepingAnAdminAsync(
        string userName, bool removesAdmin, string updateSql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return await engine.WriteAsync(
            SqlWrite.AllOrNothing,
            async (connection, transaction) =>
            {
                var admins = await QueryAsync(
                    connection,
                    transaction,
                    $"SELECT {Columns} FROM agent_accounts WHERE role = @admin AND disabled = @no{Dialect.ForUpdate};",
                    select => select.With("@admin", AgentAccountRows.Role(AgentRole.Admin)).With("@no", false),
                    cancellationToken).ConfigureAwait(false);
                if (removesAdmin && admins.Count == 1 && string.Equals(admins[0].UserName, userName, StringComparison.Ordinal))
                {
                    return AccessChange.WouldLeaveNoAdmin;
                }

                using var update = connection.Command(transaction, updateSql);
                bind(update);
                return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1 ? AccessChange.Done : AccessChange.NoSuchAccount;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> WriteAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return await engine.WriteOneStatementAsync(sql, bind, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<AgentAccount>> ReadAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await QueryAsync(connection, null, sql, bind, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<AgentAccount>> QueryAsync(
        DbConnection connection, DbTransaction? transaction, string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        using var command = connection.Command(transaction, sql);
        bind(command);
        var accounts = new List<AgentAccount>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                accounts.Add(new AgentAccount(
                    reader.GetString(0),
                    reader.GetString(1),
                    AgentAccountRows.Role(reader.GetString(2)),
                    Dialect.ReadStrings(reader, 3),
                    reader.GetBoolean(4),
                    reader.GetString(5),
                    reader.GetInt32(6),
                    reader.IsDBNull(7) ? null : Dialect.ReadTime(reader, 7),
                    Dialect.ReadTime(reader, 8),
                    reader.IsDBNull(9) ? null : reader.GetString(9)));
            }
        }

        return accounts;
    }
}
