using CareBot.Care.Stores;
using CareBot.Protocol.Middleware;
using CareBot.Storage.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// Processed activities in PostgreSQL, shared by every server process. A claim is an upsert that takes the row only
/// when it is new or holds an abandoned claim (too old, or its owner instance is gone); whoever's statement returns a
/// row owns the activity.
/// </summary>
internal sealed class PostgresActivityOutcomeStore(
    NpgsqlDataSource dataSource,
    StorageInitializer initializer,
    ServerInstanceRegistry instances,
    TimeProvider time,
    StorageOptions options,
    ILogger<PostgresActivityOutcomeStore> logger) : IActivityOutcomeStore
{
    private const string ClaimSql = """
        INSERT INTO activity_outcomes (channel_id, conversation_id, activity_id, claimed_at, completed, expires_at, owner_instance)
        VALUES ($1, $2, $3, $4, false, $5, $7)
        ON CONFLICT (channel_id, conversation_id, activity_id) DO UPDATE
        SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at, owner_instance = excluded.owner_instance
        WHERE NOT activity_outcomes.completed
          AND (activity_outcomes.claimed_at < $6
               OR NOT EXISTS (SELECT 1 FROM server_instances AS owner
                              WHERE owner.instance_id = activity_outcomes.owner_instance AND owner.heartbeat_at >= $8))
        RETURNING 1;
        """;

    private const string ReadSql = """
        SELECT outcome.completed, outcome.status_code, outcome.body_json,
               owner.instance_id, owner.host_name, owner.process_id, owner.process_started_at
        FROM activity_outcomes AS outcome
        LEFT JOIN server_instances AS owner ON owner.instance_id = outcome.owner_instance
        WHERE outcome.channel_id = $1 AND outcome.conversation_id = $2 AND outcome.activity_id = $3;
        """;

    private const string CompleteSql = """
        INSERT INTO activity_outcomes (channel_id, conversation_id, activity_id, claimed_at, completed, status_code, body_json, expires_at)
        VALUES ($1, $2, $3, $4, true, $5, $6, $7)
        ON CONFLICT (channel_id, conversation_id, activity_id) DO UPDATE
        SET completed = true, status_code = excluded.status_code, body_json = excluded.body_json, expires_at = excluded.expires_at;
        """;

    // In a turn's commit: a new outcome, or one over an old claim left by a version that claimed before the turn. No
    // row back means the activity's outcome is stored already: a duplicate.
    private const string RecordSql = """
        INSERT INTO activity_outcomes (channel_id, conversation_id, activity_id, claimed_at, completed, status_code, body_json, expires_at)
        VALUES ($1, $2, $3, $4, true, $5, $6, $7)
        ON CONFLICT (channel_id, conversation_id, activity_id) DO UPDATE
        SET completed = true, status_code = excluded.status_code, body_json = excluded.body_json, expires_at = excluded.expires_at
        WHERE NOT activity_outcomes.completed
        RETURNING 1;
        """;

    private const string FindSql = """
        SELECT status_code, body_json FROM activity_outcomes
        WHERE channel_id = $1 AND conversation_id = $2 AND activity_id = $3 AND completed;
        """;

    private const string ReleaseSql = """
        DELETE FROM activity_outcomes
        WHERE channel_id = $1 AND conversation_id = $2 AND activity_id = $3 AND NOT completed;
        """;

    // SKIP LOCKED: two processes purging at once split the work instead of waiting for each other.
    private const string PurgeSql = """
        DELETE FROM activity_outcomes
        WHERE ctid IN (SELECT ctid FROM activity_outcomes WHERE expires_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED);
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
        var now = time.GetUtcNow().ToUniversalTime();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using (var claim = Command(connection, ClaimSql, key))
            {
                claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
                claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + claimLifetime + options.OutcomeRetention });
                claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now - claimLifetime });
                claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = instances.Current.Id });
                claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = instances.AliveSince(now) });
                if (await claim.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
                {
                    return (new ActivityClaim(ActivityClaimStatus.Claimed, null), null);
                }
            }

            await using var read = Command(connection, ReadSql, key);
            var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return (null, null);
                }

                if (reader.GetBoolean(0))
                {
                    return (new ActivityClaim(
                        ActivityClaimStatus.Completed,
                        new StoredTurnOutcome(reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2))), null);
                }

                var owner = reader.IsDBNull(3) ? null : new ServerInstance(
                    reader.GetString(3), reader.GetString(4), reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6));
                return (new ActivityClaim(ActivityClaimStatus.InProgress, null), owner);
            }
        }
    }

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
    /// The statement that stores a turn's outcome row, for the turn's batch: it returns one row when stored, none when
    /// the activity's outcome is stored already (a duplicate delivery).
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
                purge = new NpgsqlBatchCommand(PurgeSql);
                purge.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
                purge.Parameters.Add(new NpgsqlParameter<int> { TypedValue = OutcomePurgeSchedule.BatchSize });
                batch.BatchCommands.Add(purge);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (purge is { RecordsAffected: > 0 })
            {
                logger.OutcomesPurged(purge.RecordsAffected);
            }
        }
    }

    public async Task ReleaseAsync(ActivityKey key, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var release = Command(connection, ReleaseSql, key);
            await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, ActivityKey key)
    {
        var command = new NpgsqlCommand(sql, connection);
        AddKey(command.Parameters, key);
        return command;
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
