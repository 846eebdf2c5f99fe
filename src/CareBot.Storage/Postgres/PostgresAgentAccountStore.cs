using CareBot.Care.Agents;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// Console accounts in PostgreSQL, shared by every server process. Each change is one statement: row locks order racing
/// sign-ins, so every wrong password counts.
/// </summary>
internal sealed class PostgresAgentAccountStore(NpgsqlDataSource dataSource, StorageInitializer initializer) : IAgentAccountStore
{
    private const string Columns = "user_name, display_name, role, queues, disabled, password_hash, failed_attempts, locked_out_until, created_at, email";

    public async Task<bool> AddAsync(AgentAccount account, CancellationToken cancellationToken)
    {
        AgentAccountRows.Validate(account);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO agent_accounts ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (user_name) DO NOTHING;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.UserName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.DisplayName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = AgentAccountRows.Role(account.Role) });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. account.Queues] });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = account.Disabled });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.PasswordHash });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = account.FailedAttempts });
        command.Parameters.Add(account.LockedOutUntil is { } until
            ? new NpgsqlParameter<DateTimeOffset> { TypedValue = until.ToUniversalTime() }
            : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = account.CreatedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = account.Email });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<AgentAccount?> GetAsync(string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var found = await ReadAsync($"SELECT {Columns} FROM agent_accounts WHERE user_name = $1;", cancellationToken, userName).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<AgentAccount>> ListAsync(CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {Columns} FROM agent_accounts ORDER BY user_name COLLATE \"C\";", cancellationToken);

    public async Task<bool> AnyAsync(CancellationToken cancellationToken) =>
        (await ReadAsync($"SELECT {Columns} FROM agent_accounts LIMIT 1;", cancellationToken).ConfigureAwait(false)).Count > 0;

    public async Task<bool> SetDisabledAsync(string userName, bool disabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("UPDATE agent_accounts SET disabled = $2 WHERE user_name = $1;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userName });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = disabled });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetPasswordHashAsync(string userName, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(
            "UPDATE agent_accounts SET password_hash = $2, failed_attempts = 0, locked_out_until = NULL WHERE user_name = $1;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = passwordHash });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetRoleAsync(string userName, AgentRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var text = AgentAccountRows.Role(role);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("UPDATE agent_accounts SET role = $2 WHERE user_name = $1;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = text });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetQueuesAsync(string userName, IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(queues);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("UPDATE agent_accounts SET queues = $2 WHERE user_name = $1;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userName });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. queues] });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetEmailAsync(string userName, string? email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        AgentAccountRows.ValidateEmail(email);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("UPDATE agent_accounts SET email = $2 WHERE user_name = $1;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userName });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = email });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<AgentAccount?> RecordFailedSignInAsync(string userName, int maxAttempts, DateTimeOffset lockOutUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        // SET expressions all see the row as it was, so both CASEs test the same count.
        var found = await ReadAsync(
            $"""
            UPDATE agent_accounts SET
                locked_out_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3 ELSE locked_out_until END,
                failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END
            WHERE user_name = $1
            RETURNING {Columns};
            """,
            cancellationToken,
            userName,
            command =>
            {
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxAttempts });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = lockOutUntil.ToUniversalTime() });
            }).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task RecordSignInAsync(string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("UPDATE agent_accounts SET failed_attempts = 0 WHERE user_name = $1 AND failed_attempts <> 0;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userName });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<AgentAccount>> ReadAsync(
        string sql, CancellationToken cancellationToken, string? userName = null, Action<NpgsqlCommand>? bind = null)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(sql);
        if (userName is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userName });
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
                    reader.GetFieldValue<string[]>(3),
                    reader.GetBoolean(4),
                    reader.GetString(5),
                    reader.GetInt32(6),
                    reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                    reader.GetFieldValue<DateTimeOffset>(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9)));
            }
        }

        return accounts;
    }
}
