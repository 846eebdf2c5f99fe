using CareBot.Care.Stores;
using CareBot.Protocol.Middleware;
using CareBot.Storage.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CareBot.Storage.Sqlite;

/// <summary>
/// Processed activities in SQLite. A claim is an upsert that takes the row only when it is new or holds an abandoned
/// claim (too old, or its owner instance is gone); whoever's statement returns a row owns the activity.
/// </summary>
internal sealed class SqliteActivityOutcomeStore(
    SqliteDatabase database,
    StorageInitializer initializer,
    ServerInstanceRegistry instances,
    TimeProvider time,
    StorageOptions options,
    ILogger<SqliteActivityOutcomeStore> logger) : IActivityOutcomeStore
{
    private const string ClaimSql = """
        INSERT INTO activity_outcomes (channel_id, conversation_id, activity_id, claimed_at, completed, expires_at, owner_instance)
        VALUES ($channel, $conversation, $activity, $now, 0, $expires, $owner)
        ON CONFLICT (channel_id, conversation_id, activity_id) DO UPDATE
        SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at, owner_instance = excluded.owner_instance
        WHERE activity_outcomes.completed = 0
          AND (activity_outcomes.claimed_at < $abandonedBefore
               OR NOT EXISTS (SELECT 1 FROM server_instances AS owner
                              WHERE owner.instance_id = activity_outcomes.owner_instance AND owner.heartbeat_at >= $aliveSince))
        RETURNING claimed_at;
        """;

    private const string ReadSql = """
        SELECT outcome.completed, outcome.status_code, outcome.body_json,
               owner.instance_id, owner.host_name, owner.process_id, owner.process_started_at
        FROM activity_outcomes AS outcome
        LEFT JOIN server_instances AS owner ON owner.instance_id = outcome.owner_instance
        WHERE outcome.channel_id = $channel AND outcome.conversation_id = $conversation AND outcome.activity_id = $activity;
        """;

    private const string CompleteSql = """
        INSERT INTO activity_outcomes (channel_id, conversation_id, activity_id, claimed_at, completed, status_code, body_json, expires_at)
        VALUES ($channel, $conversation, $activity, $now, 1, $status, $body, $expires)
        ON CONFLICT (channel_id, conversation_id, activity_id) DO UPDATE
        SET completed = 1, status_code = excluded.status_code, body_json = excluded.body_json, expires_at = excluded.expires_at;
        """;

    // In a turn's commit: a new outcome, or one over an old claim left by a version that claimed before the turn. No
    // row back means the activity's outcome is stored already: a duplicate.
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

    private const string ReleaseSql = """
        DELETE FROM activity_outcomes
        WHERE channel_id = $channel AND conversation_id = $conversation AND activity_id = $activity AND completed = 0;
        """;

    private const string PurgeSql = """
        DELETE FROM activity_outcomes
        WHERE rowid IN (SELECT rowid FROM activity_outcomes WHERE expires_at < $now LIMIT $limit);
        """;

    private readonly OutcomePurgeSchedule _purge = new(time);

    public async Task<ActivityClaim> TryClaimAsync(ActivityKey key, TimeSpan claimLifetime, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(claimLifetime, TimeSpan.Zero);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await instances.EnsureFreshAsync(cancellationToken).ConfigureAwait(false);

        // A released claim can vanish between the two statements, and an owner found gone is forgotten: then the claim
        // is simply tried again.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (claim, owner) = await TryClaimOnceAsync(key, claimLifetime, cancellationToken).ConfigureAwait(false);
            if (claim is not null && (owner is null || !await instances.ForgetIfGoneAsync(owner, cancellationToken).ConfigureAwait(false)))
            {
                return claim;
            }
        }

        return new ActivityClaim(ActivityClaimStatus.InProgress, null);
    }

    // The claim, or null when the row vanished; for a claim in progress, also its owner (null when unregistered).
    private async Task<(ActivityClaim? Claim, ServerInstance? Owner)> TryClaimOnceAsync(ActivityKey key, TimeSpan claimLifetime, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenRelaxedAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using (var claim = Command(connection, ClaimSql, key))
            {
                claim.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                claim.Parameters.AddWithValue("$expires", (now + claimLifetime + options.OutcomeRetention).ToUnixTimeMilliseconds());
                claim.Parameters.AddWithValue("$abandonedBefore", (now - claimLifetime).ToUnixTimeMilliseconds());
                claim.Parameters.AddWithValue("$owner", instances.Current.Id);
                claim.Parameters.AddWithValue("$aliveSince", instances.AliveSince(now).ToUnixTimeMilliseconds());
                if (await claim.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
                {
                    return (new ActivityClaim(ActivityClaimStatus.Claimed, null), null);
                }
            }

            using var read = Command(connection, ReadSql, key);
            var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return (null, null);
                }

                if (reader.GetInt64(0) != 0)
                {
                    return (new ActivityClaim(
                        ActivityClaimStatus.Completed,
                        new StoredTurnOutcome(reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2))), null);
                }

                var owner = reader.IsDBNull(3) ? null : new ServerInstance(
                    reader.GetString(3), reader.GetString(4), reader.GetInt32(5), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)));
                return (new ActivityClaim(ActivityClaimStatus.InProgress, null), owner);
            }
        }
    }

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
                using var purge = connection.CreateCommand();
                purge.CommandText = PurgeSql;
                purge.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                purge.Parameters.AddWithValue("$limit", OutcomePurgeSchedule.BatchSize);
                var purged = await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (purged > 0)
                {
                    logger.OutcomesPurged(purged);
                }
            }
        }
    }

    public async Task ReleaseAsync(ActivityKey key, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenRelaxedAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var release = Command(connection, ReleaseSql, key);
            await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
