using System.Data.Common;
using System.Globalization;
using CareBot.Care.Stores;
using CareBot.Storage.Migrations;

namespace CareBot.Storage.Sql;

/// <summary>
/// The outbox, the same SQL on both engines but the claim (<see cref="SqlDialect.ClaimDueOutboxSql"/>): on SQLite the
/// single writer makes a claim exclusive, on PostgreSQL <c>FOR UPDATE SKIP LOCKED</c> lets concurrent workers each take
/// other rows without waiting. The lease lets another worker take a message over when its claimant dies: when the
/// lease runs out, or at once when the claimant's server instance is gone (see <see cref="ServerInstanceRegistry"/>).
/// </summary>
internal sealed class SqlOutboxStore(ISqlEngine engine, StorageInitializer initializer, ServerInstanceRegistry instances, TimeProvider time) : IOutboxStore
{
    /// <summary>The columns every query returns, in the order <see cref="QueryAsync"/> reads them.</summary>
    public const string Columns = "id, kind, idempotency_key, payload_json, status, attempts, next_attempt_at, lease_until, last_error, created_at";

    /// <summary>Inserts one message unless its idempotency key is stored already.</summary>
    public const string InsertSql = """
        INSERT INTO outbox (kind, idempotency_key, payload_json, status, attempts, next_attempt_at, created_at, updated_at)
        VALUES (@kind, @key, @payload, 'pending', 0, @now, @now, @now)
        ON CONFLICT (idempotency_key) DO NOTHING;
        """;

    private SqlDialect Dialect => engine.Dialect;

    public async Task EnqueueAsync(IReadOnlyList<NewOutboxMessage> messages, CancellationToken cancellationToken)
    {
        CaseRows.Validate(messages);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        await engine.WriteAsync(
            SqlWrite.AllOrNothing,
            async (connection, transaction) =>
            {
                await InsertAsync(Dialect, connection, transaction, null, messages, now, cancellationToken).ConfigureAwait(false);
                return messages.Count;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        await instances.EnsureFreshAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var claimed = await WriteAsync(
            Dialect.ClaimDueOutboxSql,
            command => command
                .With("@now", Dialect.Time(now))
                .With("@lease", Dialect.Time(now + lease))
                .With("@owner", instances.Current.Id)
                .With("@aliveSince", Dialect.Time(instances.AliveSince(now)))
                .With("@limit", limit),
            cancellationToken).ConfigureAwait(false);
        // RETURNING gives no order; the worker sends oldest due first.
        return [.. claimed.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)];
    }

    public async Task<bool> MarkSentAsync(long id, CancellationToken cancellationToken) =>
        (await WriteAsync(
            $"UPDATE outbox SET status = 'sent', lease_until = NULL, updated_at = @now WHERE id = @id AND status = 'sending' RETURNING {Columns};",
            command => WithIdAndNow(command, id),
            cancellationToken).ConfigureAwait(false)).Count == 1;

    public async Task<bool> ScheduleRetryAsync(long id, DateTimeOffset nextAttemptAt, string lastError, CancellationToken cancellationToken) =>
        (await WriteAsync(
            $"""
            UPDATE outbox SET status = 'pending', lease_until = NULL, next_attempt_at = @next, last_error = @error, updated_at = @now
            WHERE id = @id AND status = 'sending' RETURNING {Columns};
            """,
            command => WithIdAndNow(command, id).With("@next", Dialect.Time(nextAttemptAt)).With("@error", lastError ?? string.Empty),
            cancellationToken).ConfigureAwait(false)).Count == 1;

    public async Task<bool> MarkDeadAsync(long id, string lastError, CancellationToken cancellationToken) =>
        (await WriteAsync(
            $"""
            UPDATE outbox SET status = 'dead', lease_until = NULL, last_error = @error, updated_at = @now
            WHERE id = @id AND status IN ('pending', 'sending') RETURNING {Columns};
            """,
            command => WithIdAndNow(command, id).With("@error", lastError ?? string.Empty),
            cancellationToken).ConfigureAwait(false)).Count == 1;

    public async Task<IReadOnlyList<OutboxMessage>> ListDeadAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await ReadAsync(
            $"SELECT {Columns} FROM outbox WHERE status = 'dead' ORDER BY updated_at DESC, id DESC LIMIT @limit;",
            command => command.With("@limit", limit),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(null, "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending');");
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
    }

    public async Task<OutboxMessage?> GetAsync(long id, CancellationToken cancellationToken) =>
        (await ReadAsync(
            $"SELECT {Columns} FROM outbox WHERE id = @id;",
            command => command.With("@id", id),
            cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>
    /// Inserts messages inside the caller's transaction (with the command <paramref name="kept"/> keeps, if given); a
    /// repeated idempotency key is skipped.
    /// </summary>
    internal static async Task InsertAsync(
        SqlDialect dialect,
        DbConnection connection,
        DbTransaction? transaction,
        KeptCommands? kept,
        IReadOnlyList<NewOutboxMessage> messages,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            var command = kept?.Get(transaction, InsertSql) ?? connection.Command(transaction, InsertSql);
            using var owned = kept is null ? command : null; // a kept command stays with its connection
            command
                .With("@kind", CaseRows.Kind(message.Kind))
                .With("@key", message.IdempotencyKey)
                .With("@payload", message.PayloadJson)
                .With("@now", dialect.Time(now));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private DbCommand WithIdAndNow(DbCommand command, long id) => command.With("@id", id).With("@now", Dialect.Time(time.GetUtcNow()));

    private async Task<List<OutboxMessage>> WriteAsync(string sql, Action<DbCommand> parameters, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return await engine.WriteAsync(
            SqlWrite.OneStatement,
            (connection, transaction) => QueryAsync(connection, transaction, sql, parameters, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<OutboxMessage>> ReadAsync(string sql, Action<DbCommand> parameters, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await QueryAsync(connection, null, sql, parameters, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<OutboxMessage>> QueryAsync(
        DbConnection connection, DbTransaction? transaction, string sql, Action<DbCommand> parameters, CancellationToken cancellationToken)
    {
        using var command = connection.Command(transaction, sql);
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
                    Dialect.ReadTime(reader, 6),
                    reader.IsDBNull(7) ? null : Dialect.ReadTime(reader, 7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    Dialect.ReadTime(reader, 9)));
            }
        }

        return rows;
    }
}
