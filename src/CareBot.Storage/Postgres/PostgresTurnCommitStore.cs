using System.Globalization;
using CareBot.Care.Stores;
using CareBot.Protocol.Middleware;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// A turn's outcome row, state, cases and outbox rows in ONE round trip: one <see cref="NpgsqlBatch"/> without an
/// explicit transaction, which PostgreSQL runs as one implicit transaction (an error in any statement rolls back the
/// ones before it and skips the rest). The checks that must stop a turn raise on the server, in the statement that
/// finds them: a duplicate activity (<c>carebot_require</c>, migration 10), a stale state ETag
/// (<c>carebot_write_state</c>, migration 1), a stale case version (<c>carebot_require</c>).
/// </summary>
internal sealed class PostgresTurnCommitStore(
    NpgsqlDataSource dataSource,
    StorageInitializer initializer,
    TimeProvider time,
    TimeSpan outcomeRetention,
    ILogger<PostgresTurnCommitStore> logger) : ITurnCommitStore
{
    private const string StateConflictSqlState = "CB409";
    private const string CaseConflictSqlState = "CB410";
    private const string DuplicateSqlState = "CB208";

    // The outcome row: new, or over an old claim row (completed = false) that a version from before 2026-12 left behind
    // when it claimed activities before their turn. When the activity's outcome is stored already (a duplicate) it
    // raises CB208, which rolls back the whole batch: the turn stores nothing.
    private const string RecordOutcomeSql = """
        WITH stored AS (
            INSERT INTO activity_outcomes (channel_id, conversation_id, activity_id, claimed_at, completed, status_code, body_json, expires_at)
            VALUES ($1, $2, $3, $4, true, $5, $6, $7)
            ON CONFLICT (channel_id, conversation_id, activity_id) DO UPDATE
            SET completed = true, status_code = excluded.status_code, body_json = excluded.body_json, expires_at = excluded.expires_at
            WHERE NOT activity_outcomes.completed
            RETURNING 1)
        SELECT carebot_require(EXISTS (SELECT 1 FROM stored), 'CB208', 'duplicate activity');
        """;

    // The documents travel as their UTF-8 bytes (bytea: Npgsql writes text only from .NET strings, which would mean a
    // UTF-16 copy of each) and become text on the server, in order, before carebot_write_state stores them; the column
    // stays text.
    private const string WriteStateSql = """
        SELECT carebot_write_state(
            $1,
            ARRAY(SELECT convert_from(document, 'UTF8') FROM unnest($2::bytea[]) WITH ORDINALITY AS d(document, position) ORDER BY position),
            $3, $4, $5);
        """;

    // Turns write the outcome rows, so turns also purge the expired ones (at most once a minute, a bounded batch).
    private readonly OutcomePurgeSchedule _purge = new(time);

    public async Task<TurnCommitResult> CommitAsync(TurnCommit commit, CancellationToken cancellationToken)
    {
        CaseRows.Validate(commit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().ToUniversalTime();
        var state = commit.State.Select(w => new StateRecord(w.Key, w.Utf8Json, ETags.New())).ToList();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var batch = new NpgsqlBatch(connection);
            await using (batch.ConfigureAwait(false))
            {
                // First: a duplicate delivery stops here, before its state write could fail as a conflict.
                if (commit.Processed is { } processed)
                {
                    batch.BatchCommands.Add(RecordOutcomeCommand(processed, now, outcomeRetention));
                }

                if (commit.State.Count > 0)
                {
                    batch.BatchCommands.Add(StateCommand(commit.State, state, now));
                }

                foreach (var value in commit.NewCases)
                {
                    batch.BatchCommands.Add(PostgresCaseCommands.InsertCommand(value, now));
                }

                var position = 0;
                foreach (var update in commit.CaseUpdates)
                {
                    batch.BatchCommands.Add(PostgresCaseCommands.UpdateCommand(update.Case, update.ExpectedVersion, now, CaseConflictSqlState, ++position));
                }

                foreach (var message in commit.Outbox)
                {
                    batch.BatchCommands.Add(OutboxCommand(message, now));
                }

                NpgsqlBatchCommand? purge = null;
                if (_purge.TryTakeTurn())
                {
                    purge = PurgeCommand(now);
                    batch.BatchCommands.Add(purge);
                }

                if (batch.BatchCommands.Count == 0)
                {
                    return new TurnCommitResult(state, []);
                }

                var numbers = await ExecuteAsync(connection, batch, commit, cancellationToken).ConfigureAwait(false);
                if (purge is { RecordsAffected: > 0 })
                {
                    logger.OutcomesPurged(purge.RecordsAffected);
                }

                var cases = new List<CommittedCase>(commit.NewCases.Count);
                for (var i = 0; i < commit.NewCases.Count; i++)
                {
                    var value = commit.NewCases[i];
                    // No row: another transaction stored this creation key after our statement's snapshot; it is committed now.
                    var (number, created) = numbers[i] ?? (await PostgresCaseCommands.FindNumberAsync(connection, value.CreationKey, cancellationToken).ConfigureAwait(false), false);
                    cases.Add(new CommittedCase(value.CreationKey, "C-" + number.ToString(CultureInfo.InvariantCulture), created));
                }

                return new TurnCommitResult(state, cases);
            }
        }
    }

    // Runs the batch and reads each case insert's (number, created); turns the server-side checks into their exceptions.
    private async Task<List<(long Number, bool Created)?>> ExecuteAsync(
        NpgsqlConnection connection, NpgsqlBatch batch, TurnCommit commit, CancellationToken cancellationToken)
    {
        var numbers = new List<(long Number, bool Created)?>(commit.NewCases.Count);
        try
        {
            var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                // Only the case inserts answer two columns (number, created); the checks answer one, the rest none.
                do
                {
                    if (reader.FieldCount == 2)
                    {
                        numbers.Add(await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetInt64(0), reader.GetBoolean(1)) : null);
                    }
                }
                while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
            }
        }
        catch (PostgresException exception) when (exception.SqlState == StateConflictSqlState)
        {
            var write = commit.State.ElementAt(PositionIn(exception) - 1);
            logger.StateConflict(write.Key, write.ExpectedETag);
            throw new StateConflictException(write.Key, write.ExpectedETag);
        }
        catch (PostgresException exception) when (exception.SqlState == CaseConflictSqlState)
        {
            var update = commit.CaseUpdates[PositionIn(exception) - 1];
            throw new CaseConflictException(update.Case.Id, update.ExpectedVersion);
        }
        catch (PostgresException exception) when (exception.SqlState == DuplicateSqlState)
        {
            // Another delivery of the activity committed first: nothing of this turn was stored; answer its outcome.
            var key = commit.Processed!.Key;
            var stored = await SqlActivityOutcomeStore.FindAsync(connection, null, null, key, cancellationToken).ConfigureAwait(false);
            throw new DuplicateActivityException(key, stored ?? new StoredTurnOutcome(200, null));
        }

        return numbers;
    }

    // The messages of CB409 and CB410 end with the failing write's 1-based position.
    private static int PositionIn(PostgresException exception)
    {
        var message = exception.MessageText;
        return int.Parse(message.AsSpan(message.LastIndexOf(' ') + 1), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static NpgsqlBatchCommand StateCommand(IReadOnlyCollection<StateWrite> writes, List<StateRecord> results, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(WriteStateSql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.Key)] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. writes.Select(w => ByteArrays.Whole(w.Utf8Json))], NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. writes.Select(w => w.ExpectedETag)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. results.Select(r => r.ETag)] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return command;
    }

    private static NpgsqlBatchCommand RecordOutcomeCommand(ProcessedActivity processed, DateTimeOffset now, TimeSpan retention)
    {
        var command = new NpgsqlBatchCommand(RecordOutcomeSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = processed.Key.ChannelId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = processed.Key.ConversationId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = processed.Key.ActivityId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = processed.Outcome.StatusCode });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)processed.Outcome.BodyJson ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + retention });
        return command;
    }

    // The shared stores' SQL (named parameters), as statements of the turn's batch.
    private static NpgsqlBatchCommand PurgeCommand(DateTimeOffset now) =>
        new(PostgresEngine.Sql.PurgeExpiredOutcomesSql) { Parameters = { new("now", now), new("limit", OutcomePurgeSchedule.BatchSize) } };

    private static NpgsqlBatchCommand OutboxCommand(NewOutboxMessage message, DateTimeOffset now) =>
        new(SqlOutboxStore.InsertSql)
        {
            Parameters = { new("kind", CaseRows.Kind(message.Kind)), new("key", message.IdempotencyKey), new("payload", message.PayloadJson), new("now", now) },
        };
}
