using CareBot.Care.Stores;
using CareBot.Storage.Migrations;
using Microsoft.Data.Sqlite;

namespace CareBot.Storage.Sqlite;

/// <summary>
/// The outbox in SQLite. A claim is one <c>BEGIN IMMEDIATE</c> UPDATE ... RETURNING: SQLite's single writer makes it
/// exclusive, and the lease lets another worker take the message over when the claimant dies: when the lease runs out,
/// or at once when the claimant's server instance is gone (see <see cref="ServerInstanceRegistry"/>).
/// </summary>
internal sealed class SqliteOutboxStore(SqliteDatabase database, StorageInitializer initializer, ServerInstanceRegistry instances, TimeProvider time) : IOutboxStore
{
    private const string Columns = "id, kind, idempotency_key, payload_json, status, attempts, next_attempt_at, lease_until, last_error, created_at";

    public async Task EnqueueAsync(IReadOnlyList<NewOutboxMessage> messages, CancellationToken cancellationToken)
    {
        CaseRows.Validate(messages);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = SqliteDatabase.BeginWrite(connection);
            await InsertAsync(transaction, messages, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        await instances.EnsureFreshAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var claimed = await WriteAsync(
            $"""
            UPDATE outbox SET status = 'sending', lease_until = $lease, lease_owner = $owner, attempts = attempts + 1, updated_at = $now
            WHERE id IN (
                SELECT id FROM outbox
                WHERE (status = 'pending' AND next_attempt_at <= $now)
                   OR (status = 'sending' AND (lease_until <= $now
                       OR NOT EXISTS (SELECT 1 FROM server_instances AS owner
                                      WHERE owner.instance_id = outbox.lease_owner AND owner.heartbeat_at >= $aliveSince)))
                ORDER BY next_attempt_at, id LIMIT $limit)
            RETURNING {Columns};
            """,
            command =>
            {
                command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$lease", (now + lease).ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$owner", instances.Current.Id);
                command.Parameters.AddWithValue("$aliveSince", instances.AliveSince(now).ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$limit", limit);
            },
            cancellationToken).ConfigureAwait(false);
        // RETURNING gives no order; the worker sends oldest due first.
        return [.. claimed.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)];
    }

    public async Task<bool> MarkSentAsync(long id, CancellationToken cancellationToken) =>
        (await WriteAsync(
            $"UPDATE outbox SET status = 'sent', lease_until = NULL, updated_at = $now WHERE id = $id AND status = 'sending' RETURNING {Columns};",
            command => AddIdAndNow(command, id),
            cancellationToken).ConfigureAwait(false)).Count == 1;

    public async Task<bool> ScheduleRetryAsync(long id, DateTimeOffset nextAttemptAt, string lastError, CancellationToken cancellationToken) =>
        (await WriteAsync(
            $"""
            UPDATE outbox SET status = 'pending', lease_until = NULL, next_attempt_at = $next, last_error = $error, updated_at = $now
            WHERE id = $id AND status = 'sending' RETURNING {Columns};
            """,
            command =>
            {
                AddIdAndNow(command, id);
                command.Parameters.AddWithValue("$next", nextAttemptAt.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$error", lastError ?? string.Empty);
            },
            cancellationToken).ConfigureAwait(false)).Count == 1;

    public async Task<bool> MarkDeadAsync(long id, string lastError, CancellationToken cancellationToken) =>
        (await WriteAsync(
            $"""
            UPDATE outbox SET status = 'dead', lease_until = NULL, last_error = $error, updated_at = $now
            WHERE id = $id AND status IN ('pending', 'sending') RETURNING {Columns};
            """,
            command =>
            {
                AddIdAndNow(command, id);
                command.Parameters.AddWithValue("$error", lastError ?? string.Empty);
            },
            cancellationToken).ConfigureAwait(false)).Count == 1;

    public async Task<IReadOnlyList<OutboxMessage>> ListDeadAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await ReadAsync(
            $"SELECT {Columns} FROM outbox WHERE status = 'dead' ORDER BY updated_at DESC, id DESC LIMIT $limit;",
            command => command.Parameters.AddWithValue("$limit", limit),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending');";
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public async Task<OutboxMessage?> GetAsync(long id, CancellationToken cancellationToken) =>
        (await ReadAsync(
            $"SELECT {Columns} FROM outbox WHERE id = $id;",
            command => command.Parameters.AddWithValue("$id", id),
            cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>Inserts messages inside the caller's transaction; a repeated idempotency key is skipped.</summary>
    internal static async Task InsertAsync(SqliteTransaction transaction, IReadOnlyList<NewOutboxMessage> messages, long now, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO outbox (kind, idempotency_key, payload_json, status, attempts, next_attempt_at, created_at, updated_at)
                VALUES ($kind, $key, $payload, 'pending', 0, $now, $now, $now)
                ON CONFLICT (idempotency_key) DO NOTHING;
                """;
            command.Parameters.AddWithValue("$kind", CaseRows.Kind(message.Kind));
            command.Parameters.AddWithValue("$key", message.IdempotencyKey);
            command.Parameters.AddWithValue("$payload", message.PayloadJson);
            command.Parameters.AddWithValue("$now", now);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void AddIdAndNow(SqliteCommand command, long id)
    {
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private async Task<List<OutboxMessage>> WriteAsync(string sql, Action<SqliteCommand> parameters, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = SqliteDatabase.BeginWrite(connection);
            var rows = await QueryAsync(connection, transaction, sql, parameters, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return rows;
        }
    }

    private async Task<List<OutboxMessage>> ReadAsync(string sql, Action<SqliteCommand> parameters, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await QueryAsync(connection, null, sql, parameters, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<List<OutboxMessage>> QueryAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, Action<SqliteCommand> parameters, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        parameters(command);
        var rows = new List<OutboxMessage>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new OutboxMessage(
                    reader.GetInt64(0),
                    CaseRows.ParseKind(reader.GetString(1)),
                    reader.GetString(2),
                    reader.GetString(3),
                    CaseRows.ParseStatus(reader.GetString(4)),
                    reader.GetInt32(5),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                    reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9))));
            }
        }

        return rows;
    }
}
