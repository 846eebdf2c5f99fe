using CareBot.Care.Agents;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace CareBot.Storage.Sqlite;

/// <summary>Console accounts in SQLite; each change is one statement, so it is atomic without a transaction.</summary>
internal sealed class SqliteAgentAccountStore(SqliteDatabase database, StorageInitializer initializer) : IAgentAccountStore
{
    private const string Columns = "user_name, display_name, role, queues, disabled, password_hash, failed_attempts, locked_out_until, created_at, email";

    public async Task<bool> AddAsync(AgentAccount account, CancellationToken cancellationToken)
    {
        AgentAccountRows.Validate(account);
        return await WriteAsync(
            $"INSERT INTO agent_accounts ({Columns}) VALUES ($user, $display, $role, $queues, $disabled, $hash, $failed, $locked, $created, $email) ON CONFLICT (user_name) DO NOTHING;",
            command =>
            {
                command.Parameters.AddWithValue("$user", account.UserName);
                command.Parameters.AddWithValue("$display", account.DisplayName);
                command.Parameters.AddWithValue("$role", AgentAccountRows.Role(account.Role));
                command.Parameters.AddWithValue("$queues", AgentAccountRows.QueuesJson(account.Queues));
                command.Parameters.AddWithValue("$disabled", account.Disabled ? 1 : 0);
                command.Parameters.AddWithValue("$hash", account.PasswordHash);
                command.Parameters.AddWithValue("$failed", account.FailedAttempts);
                command.Parameters.AddWithValue("$locked", account.LockedOutUntil is { } until ? until.ToUnixTimeMilliseconds() : DBNull.Value);
                command.Parameters.AddWithValue("$created", account.CreatedAt.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$email", (object?)account.Email ?? DBNull.Value);
            },
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<AgentAccount?> GetAsync(string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var found = await ReadAsync($"SELECT {Columns} FROM agent_accounts WHERE user_name = $user;", userName, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<AgentAccount>> ListAsync(CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {Columns} FROM agent_accounts ORDER BY user_name;", null, cancellationToken);

    public async Task<bool> AnyAsync(CancellationToken cancellationToken) =>
        (await ReadAsync($"SELECT {Columns} FROM agent_accounts LIMIT 1;", null, cancellationToken).ConfigureAwait(false)).Count > 0;

    public async Task<bool> SetDisabledAsync(string userName, bool disabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return await WriteAsync("UPDATE agent_accounts SET disabled = $disabled WHERE user_name = $user;", command =>
        {
            command.Parameters.AddWithValue("$user", userName);
            command.Parameters.AddWithValue("$disabled", disabled ? 1 : 0);
        }, cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetPasswordHashAsync(string userName, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        return await WriteAsync("UPDATE agent_accounts SET password_hash = $hash, failed_attempts = 0, locked_out_until = NULL WHERE user_name = $user;", command =>
        {
            command.Parameters.AddWithValue("$user", userName);
            command.Parameters.AddWithValue("$hash", passwordHash);
        }, cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetRoleAsync(string userName, AgentRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var text = AgentAccountRows.Role(role);
        return await WriteAsync("UPDATE agent_accounts SET role = $role WHERE user_name = $user;", command =>
        {
            command.Parameters.AddWithValue("$user", userName);
            command.Parameters.AddWithValue("$role", text);
        }, cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetQueuesAsync(string userName, IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(queues);
        var json = AgentAccountRows.QueuesJson(queues);
        return await WriteAsync("UPDATE agent_accounts SET queues = $queues WHERE user_name = $user;", command =>
        {
            command.Parameters.AddWithValue("$user", userName);
            command.Parameters.AddWithValue("$queues", json);
        }, cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetEmailAsync(string userName, string? email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        AgentAccountRows.ValidateEmail(email);
        return await WriteAsync("UPDATE agent_accounts SET email = $email WHERE user_name = $user;", command =>
        {
            command.Parameters.AddWithValue("$user", userName);
            command.Parameters.AddWithValue("$email", (object?)email ?? DBNull.Value);
        }, cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<AgentAccount?> RecordFailedSignInAsync(string userName, int maxAttempts, DateTimeOffset lockOutUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        // One statement: the count and the lock-out move together, and SQLite's single writer orders racing sign-ins.
        var found = await ReadAsync(
            $"""
            UPDATE agent_accounts SET
                locked_out_until = CASE WHEN failed_attempts + 1 >= $max THEN $until ELSE locked_out_until END,
                failed_attempts = CASE WHEN failed_attempts + 1 >= $max THEN 0 ELSE failed_attempts + 1 END
            WHERE user_name = $user
            RETURNING {Columns};
            """,
            userName,
            cancellationToken,
            command =>
            {
                command.Parameters.AddWithValue("$max", maxAttempts);
                command.Parameters.AddWithValue("$until", lockOutUntil.ToUnixTimeMilliseconds());
            },
            write: true).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task RecordSignInAsync(string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        await WriteAsync("UPDATE agent_accounts SET failed_attempts = 0 WHERE user_name = $user AND failed_attempts <> 0;",
            command => command.Parameters.AddWithValue("$user", userName), cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> WriteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<AgentAccount>> ReadAsync(
        string sql, string? userName, CancellationToken cancellationToken, Action<SqliteCommand>? bind = null, bool write = false)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = write ? await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false) : null;
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            if (userName is not null)
            {
                command.Parameters.AddWithValue("$user", userName);
            }

            bind?.Invoke(command);
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
                        AgentAccountRows.Queues(reader.GetString(3)),
                        reader.GetInt64(4) != 0,
                        reader.GetString(5),
                        reader.GetInt32(6),
                        reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                        reader.IsDBNull(9) ? null : reader.GetString(9)));
                }
            }

            return accounts;
        }
    }
}
