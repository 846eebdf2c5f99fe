using CareBot.Care.Stores;
using CareBot.Protocol.Middleware;
using CareBot.Storage.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CareBot.Storage.Sqlite;

/// <summary>
/// Processed activities in SQLite. A turn stores its outcome row in its own commit
/// (<see cref="RecordInTransactionAsync"/>); <see cref="CompleteAsync"/> is for answers no turn commit carries
/// (ignored activity types, hand-off status events). Rows expire after <see cref="StorageOptions.OutcomeRetention"/>.
/// </summary>
internal sealed class SqliteActivityOutcomeStore(
    SqliteDatabase database,
    StorageInitializer initializer,
    TimeProvider time,
    StorageOptions options,
    ILogger<SqliteActivityOutcomeStore> logger) : IActivityOutcomeStore
{
    private const string CompleteSql = """
        INSERT INTO activity_outcomes (channel_id, conversation_id, activity_id, claimed_at, completed, status_code, body_json, expires_at)
        VALUES ($channel, $conversation, $activity, $now, 1, $status, $body, $expires)
        ON CONFLICT (channel_id, conversation_id, activity_id) DO UPDATE
        SET completed = 1, status_code = excluded.status_code, body_json = excluded.body_json, expires_at = excluded.expires_at;
        """;

    // In a turn's commit: a new outcome, or one over an old claim row (completed = 0) that a version from before
    // 2026-12 left behind when it claimed activities before their turn. No row back means the activity's outcome is
    // stored already: a duplicate.
    private const string RecordSql = """
        INSERT INTO activity_outcomes (channel_id, conversation_id, activity_id, claimed_at, completed, status_code, body_json, expires_at)
        VALUES ($channel, $conversation, $activity, $now, 1, $status, $body, $expires)
        ON CONFLICT (channel_id, conversation_id, activity_id) DO UPDATE
        SET completed = 1, status_code = excluded.status_code, body_json = excluded.body_json, expires_at = excluded.expires_at
        WHERE activity_outcomes.completed = 0
        RETURNING 1;
        """;

    private const string FindSql = """
        SELECT status_code, body_json FROM activity_outcomes
        WHERE channel_id = $channel AND conversation_id = $conversation AND activity_id = $activity AND completed = 1;
        """;

    private const string PurgeSql = """
        DELETE FROM activity_outcomes
        WHERE rowid IN (SELECT rowid FROM activity_outcomes WHERE expires_at < $now LIMIT $limit);
        """;

    private readonly OutcomePurgeSchedule _purge = new(time);

    public async Task<StoredTurnOutcome?> FindAsync(ActivityKey key, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenRelaxedAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await FindAsync(connection, key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stores a turn's outcome row inside the turn's transaction; throws <see cref="DuplicateActivityException"/> when the
    /// activity's outcome is stored already (the caller rolls back).
    /// </summary>
    internal static async Task RecordInTransactionAsync(SqliteTransaction transaction, ProcessedActivity processed, DateTimeOffset now, TimeSpan retention, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        using (var record = Command(connection, RecordSql, processed.Key))
        {
            record.Transaction = transaction;
            record.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            record.Parameters.AddWithValue("$status", processed.Outcome.StatusCode);
            record.Parameters.AddWithValue("$body", (object?)processed.Outcome.BodyJson ?? DBNull.Value);
            record.Parameters.AddWithValue("$expires", (now + retention).ToUnixTimeMilliseconds());
            if (await record.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        var stored = await FindAsync(connection, processed.Key, cancellationToken, transaction).ConfigureAwait(false);
        throw new DuplicateActivityException(processed.Key, stored ?? new StoredTurnOutcome(200, null));
    }

    /// <summary>Deletes up to one batch of expired outcome rows on <paramref name="connection"/> (in its transaction, if any).</summary>
    internal static async Task<int> PurgeExpiredAsync(SqliteConnection connection, SqliteTransaction? transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var purge = connection.CreateCommand();
        purge.Transaction = transaction;
        purge.CommandText = PurgeSql;
        purge.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        purge.Parameters.AddWithValue("$limit", OutcomePurgeSchedule.BatchSize);
        return await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<StoredTurnOutcome?> FindAsync(SqliteConnection connection, ActivityKey key, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        using var find = Command(connection, FindSql, key);
        find.Transaction = transaction;
        var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new StoredTurnOutcome(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1))
                : null;
        }
    }

    public async Task CompleteAsync(ActivityKey key, StoredTurnOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenRelaxedAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using (var complete = Command(connection, CompleteSql, key))
            {
                complete.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                complete.Parameters.AddWithValue("$status", outcome.StatusCode);
                complete.Parameters.AddWithValue("$body", (object?)outcome.BodyJson ?? DBNull.Value);
                complete.Parameters.AddWithValue("$expires", (now + options.OutcomeRetention).ToUnixTimeMilliseconds());
                await complete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_purge.TryTakeTurn())
            {
                var purged = await PurgeExpiredAsync(connection, null, now, cancellationToken).ConfigureAwait(false);
                if (purged > 0)
                {
                    logger.OutcomesPurged(purged);
                }
            }
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, ActivityKey key)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$channel", key.ChannelId);
        command.Parameters.AddWithValue("$conversation", key.ConversationId);
        command.Parameters.AddWithValue("$activity", key.ActivityId);
        return command;
    }
}
