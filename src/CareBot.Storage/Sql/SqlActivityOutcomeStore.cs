using System.Data.Common;
using CareBot.Care.Stores;
using CareBot.Protocol.Middleware;
using CareBot.Storage.Migrations;
using Microsoft.Extensions.Logging;

namespace CareBot.Storage.Sql;

/// <summary>
/// Processed activities, the same SQL on both engines. A turn stores its outcome row in its own commit (the turn commit
/// stores); <see cref="CompleteAsync"/> is for answers no turn commit carries (ignored activity types, hand-off status
/// events). Rows expire after <c>Storage:OutcomeRetention</c> (<paramref name="retention"/>).
/// </summary>
internal sealed class SqlActivityOutcomeStore(
    ISqlEngine engine,
    StorageInitializer initializer,
    TimeProvider time,
    TimeSpan retention,
    ILogger<SqlActivityOutcomeStore> logger) : IActivityOutcomeStore
{
    private const string CompleteSql = """
        INSERT INTO activity_outcomes (channel_id, conversation_id, activity_id, claimed_at, completed, status_code, body_json, expires_at)
        VALUES (@channel, @conversation, @activity, @now, TRUE, @status, @body, @expires)
        ON CONFLICT (channel_id, conversation_id, activity_id) DO UPDATE
        SET completed = TRUE, status_code = excluded.status_code, body_json = excluded.body_json, expires_at = excluded.expires_at;
        """;

    // In a turn's commit: a new outcome, or one over an old claim row (completed = FALSE) that a version from before
    // 2026-12 left behind when it claimed activities before their turn. No row back means the activity's outcome is
    // stored already: a duplicate.
    private const string RecordSql = """
        INSERT INTO activity_outcomes (channel_id, conversation_id, activity_id, claimed_at, completed, status_code, body_json, expires_at)
        VALUES (@channel, @conversation, @activity, @now, TRUE, @status, @body, @expires)
        ON CONFLICT (channel_id, conversation_id, activity_id) DO UPDATE
        SET completed = TRUE, status_code = excluded.status_code, body_json = excluded.body_json, expires_at = excluded.expires_at
        WHERE activity_outcomes.completed = FALSE
        RETURNING 1;
        """;

    private const string FindSql = """
        SELECT status_code, body_json FROM activity_outcomes
        WHERE channel_id = @channel AND conversation_id = @conversation AND activity_id = @activity AND completed = TRUE;
        """;

    private readonly OutcomePurgeSchedule _purge = new(time);

    public async Task<StoredTurnOutcome?> FindAsync(ActivityKey key, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return await engine.ReadAsync((connection, kept) => FindAsync(connection, null, kept, key, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteAsync(ActivityKey key, StoredTurnOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var purged = await engine.WriteAsync(
            SqlWrite.Bookkeeping,
            async (connection, transaction) =>
            {
                using (var complete = Bind(connection.Command(transaction, CompleteSql), key, outcome, engine.Dialect, now, now + retention))
                {
                    await complete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return _purge.TryTakeTurn() ? await PurgeExpiredAsync(engine.Dialect, connection, transaction, now, cancellationToken).ConfigureAwait(false) : 0;
            },
            cancellationToken).ConfigureAwait(false);
        if (purged > 0)
        {
            logger.OutcomesPurged(purged);
        }
    }

    /// <summary>
    /// Stores a turn's outcome row inside the turn's transaction (with the command <paramref name="kept"/> keeps, if
    /// given); throws <see cref="DuplicateActivityException"/> when the activity's outcome is stored already (the caller
    /// rolls back).
    /// </summary>
    internal static async Task RecordInTransactionAsync(
        SqlDialect dialect,
        DbConnection connection,
        DbTransaction transaction,
        KeptCommands? kept,
        ProcessedActivity processed,
        DateTimeOffset now,
        TimeSpan retention,
        CancellationToken cancellationToken)
    {
        var record = kept?.Get(transaction, RecordSql) ?? connection.Command(transaction, RecordSql);
        using (kept is null ? record : null) // a kept command stays with its connection
        {
            Bind(record, processed.Key, processed.Outcome, dialect, now, now + retention);
            if (await record.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        var stored = await FindAsync(connection, transaction, null, processed.Key, cancellationToken).ConfigureAwait(false);
        throw new DuplicateActivityException(processed.Key, stored ?? new StoredTurnOutcome(200, null));
    }

    /// <summary>Deletes up to one batch of expired outcome rows on <paramref name="connection"/> (in its transaction, if any).</summary>
    internal static async Task<int> PurgeExpiredAsync(SqlDialect dialect, DbConnection connection, DbTransaction? transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var purge = connection.Command(transaction, dialect.PurgeExpiredOutcomesSql)
            .With("@now", dialect.Time(now)).With("@limit", OutcomePurgeSchedule.BatchSize);
        return await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The completed outcome of <paramref name="key"/>, read on <paramref name="connection"/> (in its transaction, if any;
    /// with the command <paramref name="kept"/> keeps, if given).
    /// </summary>
    internal static async Task<StoredTurnOutcome?> FindAsync(
        DbConnection connection, DbTransaction? transaction, KeptCommands? kept, ActivityKey key, CancellationToken cancellationToken)
    {
        var find = WithKey(kept?.Get(transaction, FindSql) ?? connection.Command(transaction, FindSql), key);
        using var owned = kept is null ? find : null; // a kept command stays with its connection
        var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new StoredTurnOutcome(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1))
                : null;
        }
    }

    private static DbCommand Bind(DbCommand command, ActivityKey key, StoredTurnOutcome outcome, SqlDialect dialect, DateTimeOffset now, DateTimeOffset expires) =>
        WithKey(command, key)
            .With("@now", dialect.Time(now))
            .With("@status", outcome.StatusCode)
            .WithText("@body", outcome.BodyJson)
            .With("@expires", dialect.Time(expires));

    private static DbCommand WithKey(DbCommand command, ActivityKey key) =>
        command.With("@channel", key.ChannelId).With("@conversation", key.ConversationId).With("@activity", key.ActivityId);
}
