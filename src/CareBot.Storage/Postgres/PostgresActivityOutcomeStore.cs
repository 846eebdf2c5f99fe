using CareBot.Care.Stores;
using CareBot.Protocol.Middleware;
using CareBot.Storage.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// Processed activities in PostgreSQL, shared by every server process. A turn stores its outcome row in its own commit
/// (<see cref="RecordCommand"/>); <see cref="CompleteAsync"/> is for answers no turn commit carries (ignored activity
/// types, hand-off status events). Rows expire after <see cref="StorageOptions.OutcomeRetention"/>.
/// </summary>
internal sealed class PostgresActivityOutcomeStore(
    NpgsqlDataSource dataSource,
    StorageInitializer initializer,
    TimeProvider time,
    StorageOptions options,
    ILogger<PostgresActivityOutcomeStore> logger) : IActivityOutcomeStore
{
    private const string CompleteSql = """
        INSERT INTO activity_outcomes (channel_id, conversation_id, activity_id, claimed_at, completed, status_code, body_json, expires_at)
        VALUES ($1, $2, $3, $4, true, $5, $6, $7)
        ON CONFLICT (channel_id, conversation_id, activity_id) DO UPDATE
        SET completed = true, status_code = excluded.status_code, body_json = excluded.body_json, expires_at = excluded.expires_at;
        """;

    /// <summary>The SQLSTATE a turn batch's outcome statement raises for a duplicate delivery (migration 10).</summary>
    internal const string DuplicateSqlState = "CB208";

    // In a turn's batch: a new outcome, or one over an old claim row (completed = false) that a version from before
    // 2026-12 left behind when it claimed activities before their turn. When the activity's outcome is stored already
    // (a duplicate) it raises CB208, which rolls back the whole batch: the turn stores nothing.
    private const string RecordSql = """
        WITH stored AS (
            INSERT INTO activity_outcomes (channel_id, conversation_id, activity_id, claimed_at, completed, status_code, body_json, expires_at)
            VALUES ($1, $2, $3, $4, true, $5, $6, $7)
            ON CONFLICT (channel_id, conversation_id, activity_id) DO UPDATE
            SET completed = true, status_code = excluded.status_code, body_json = excluded.body_json, expires_at = excluded.expires_at
            WHERE NOT activity_outcomes.completed
            RETURNING 1)
        SELECT carebot_require(EXISTS (SELECT 1 FROM stored), 'CB208', 'duplicate activity');
        """;

    private const string FindSql = """
        SELECT status_code, body_json FROM activity_outcomes
        WHERE channel_id = $1 AND conversation_id = $2 AND activity_id = $3 AND completed;
        """;

    // SKIP LOCKED: two processes purging at once split the work instead of waiting for each other.
    private const string PurgeSql = """
        DELETE FROM activity_outcomes
        WHERE ctid IN (SELECT ctid FROM activity_outcomes WHERE expires_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED);
        """;

    private readonly OutcomePurgeSchedule _purge = new(time);

    public async Task<StoredTurnOutcome?> FindAsync(ActivityKey key, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await FindAsync(connection, null, key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The statement that stores a turn's outcome row, for the turn's batch; it raises <see cref="DuplicateSqlState"/>
    /// when the activity's outcome is stored already (a duplicate delivery).
    /// </summary>
    internal static NpgsqlBatchCommand RecordCommand(ProcessedActivity processed, DateTimeOffset now, TimeSpan retention)
    {
        var command = new NpgsqlBatchCommand(RecordSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = processed.Key.ChannelId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = processed.Key.ConversationId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = processed.Key.ActivityId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = processed.Outcome.StatusCode });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)processed.Outcome.BodyJson ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + retention });
        return command;
    }

    /// <summary>The statement that deletes up to one batch of expired outcome rows.</summary>
    internal static NpgsqlBatchCommand PurgeCommand(DateTimeOffset now)
    {
        var purge = new NpgsqlBatchCommand(PurgeSql);
        purge.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        purge.Parameters.Add(new NpgsqlParameter<int> { TypedValue = OutcomePurgeSchedule.BatchSize });
        return purge;
    }

    /// <summary>The completed outcome of <paramref name="key"/>, read on <paramref name="connection"/> (in its transaction, if any).</summary>
    internal static async Task<StoredTurnOutcome?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, ActivityKey key, CancellationToken cancellationToken)
    {
        await using var find = new NpgsqlCommand(FindSql, connection, transaction);
        find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.ChannelId });
        find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.ConversationId });
        find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.ActivityId });
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
        var now = time.GetUtcNow().ToUniversalTime();
        var batch = dataSource.CreateBatch();
        await using (batch.ConfigureAwait(false))
        {
            var complete = Command(batch, CompleteSql, key);
            complete.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            complete.Parameters.Add(new NpgsqlParameter<int> { TypedValue = outcome.StatusCode });
            complete.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = outcome.BodyJson, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            complete.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + options.OutcomeRetention });

            // The purge rides in the same round trip as the completion.
            NpgsqlBatchCommand? purge = null;
            if (_purge.TryTakeTurn())
            {
                purge = PurgeCommand(now);
                batch.BatchCommands.Add(purge);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (purge is { RecordsAffected: > 0 })
            {
                logger.OutcomesPurged(purge.RecordsAffected);
            }
        }
    }

    private static NpgsqlBatchCommand Command(NpgsqlBatch batch, string sql, ActivityKey key)
    {
        var command = new NpgsqlBatchCommand(sql);
        AddKey(command.Parameters, key);
        batch.BatchCommands.Add(command);
        return command;
    }

    private static void AddKey(NpgsqlParameterCollection parameters, ActivityKey key)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = key.ChannelId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = key.ConversationId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = key.ActivityId });
    }
}
