using CareBot.Care.Stores;
using CareBot.Storage.Migrations;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// The outbox in PostgreSQL. A claim is one UPDATE over a <c>FOR UPDATE SKIP LOCKED</c> sub-select: concurrent workers
/// each take different rows without waiting, and the lease lets another worker take a message over when its claimant dies:
/// when the lease runs out, or at once when the claimant's server instance is gone (see <see cref="ServerInstanceRegistry"/>).
/// </summary>
internal sealed class PostgresOutboxStore(NpgsqlDataSource dataSource, StorageInitializer initializer, ServerInstanceRegistry instances, TimeProvider time) : IOutboxStore
{
    private const string Columns = "id, kind, idempotency_key, payload_json, status, attempts, next_attempt_at, lease_until, last_error, created_at";

    public async Task EnqueueAsync(IReadOnlyList<NewOutboxMessage> messages, CancellationToken cancellationToken)
    {
        CaseRows.Validate(messages);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await InsertAsync(connection, transaction, messages, time.GetUtcNow().ToUniversalTime(), cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        await instances.EnsureFreshAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().ToUniversalTime();
        var claimed = await QueryAsync(
            $"""
            UPDATE outbox o SET status = 'sending', lease_until = $2, lease_owner = $4, attempts = o.attempts + 1, updated_at = $1
            FROM (
                SELECT id FROM outbox
                WHERE (status = 'pending' AND next_attempt_at <= $1)
                   OR (status = 'sending' AND (lease_until <= $1
                       OR NOT EXISTS (SELECT 1 FROM server_instances AS owner
                                      WHERE owner.instance_id = outbox.lease_owner AND owner.heartbeat_at >= $5)))
                ORDER BY next_attempt_at, id LIMIT $3
                FOR UPDATE SKIP LOCKED) due
            WHERE o.id = due.id
            RETURNING {Prefixed("o.")};
            """,
            command =>
            {
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + lease });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = instances.Current.Id });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = instances.AliveSince(now) });
            },
            cancellationToken).ConfigureAwait(false);
        // RETURNING gives no order; the worker sends oldest due first.
        return [.. claimed.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)];
    }

    public async Task<bool> MarkSentAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync(
            $"UPDATE outbox SET status = 'sent', lease_until = NULL, updated_at = $2 WHERE id = $1 AND status = 'sending' RETURNING {Columns};",
            command => AddIdAndNow(command, id),
            cancellationToken).ConfigureAwait(false)).Count == 1;

    public async Task<bool> ScheduleRetryAsync(long id, DateTimeOffset nextAttemptAt, string lastError, CancellationToken cancellationToken) =>
        (await QueryAsync(
            $"""
            UPDATE outbox SET status = 'pending', lease_until = NULL, next_attempt_at = $3, last_error = $4, updated_at = $2
            WHERE id = $1 AND status = 'sending' RETURNING {Columns};
            """,
            command =>
            {
                AddIdAndNow(command, id);
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = nextAttemptAt.ToUniversalTime() });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lastError ?? string.Empty });
            },
            cancellationToken).ConfigureAwait(false)).Count == 1;

    public async Task<bool> MarkDeadAsync(long id, string lastError, CancellationToken cancellationToken) =>
        (await QueryAsync(
            $"""
            UPDATE outbox SET status = 'dead', lease_until = NULL, last_error = $3, updated_at = $2
            WHERE id = $1 AND status IN ('pending', 'sending') RETURNING {Columns};
            """,
            command =>
            {
                AddIdAndNow(command, id);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lastError ?? string.Empty });
            },
            cancellationToken).ConfigureAwait(false)).Count == 1;

    public async Task<IReadOnlyList<OutboxMessage>> ListDeadAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await QueryAsync(
            $"SELECT {Columns} FROM outbox WHERE status = 'dead' ORDER BY updated_at DESC, id DESC LIMIT $1;",
            command => command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit }),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending');");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<OutboxMessage?> GetAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync(
            $"SELECT {Columns} FROM outbox WHERE id = $1;",
            command => command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id }),
            cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>Inserts messages inside the caller's transaction; a repeated idempotency key is skipped.</summary>
    internal static async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<NewOutboxMessage> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO outbox (kind, idempotency_key, payload_json, status, attempts, next_attempt_at, created_at, updated_at)
                VALUES ($1, $2, $3, 'pending', 0, $4, $4, $4)
                ON CONFLICT (idempotency_key) DO NOTHING;
                """,
                connection,
                transaction);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CaseRows.Kind(message.Kind) });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = message.IdempotencyKey });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = message.PayloadJson });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A turn batch's statement that inserts <paramref name="message"/> unless its idempotency key is stored.</summary>
    internal static NpgsqlBatchCommand InsertCommand(NewOutboxMessage message, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO outbox (kind, idempotency_key, payload_json, status, attempts, next_attempt_at, created_at, updated_at)
            VALUES ($1, $2, $3, 'pending', 0, $4, $4, $4)
            ON CONFLICT (idempotency_key) DO NOTHING;
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CaseRows.Kind(message.Kind) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = message.IdempotencyKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = message.PayloadJson });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return command;
    }

    private static string Prefixed(string alias) => string.Join(", ", Columns.Split(", ").Select(c => alias + c));

    private void AddIdAndNow(NpgsqlCommand command, long id)
    {
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow().ToUniversalTime() });
    }

    private async Task<List<OutboxMessage>> QueryAsync(string sql, Action<NpgsqlCommand> parameters, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(sql);
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
                    reader.GetFieldValue<DateTimeOffset>(6),
                    reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.GetFieldValue<DateTimeOffset>(9)));
            }
        }

        return rows;
    }
}
