using System.Globalization;
using CareBot.Care.Stores;
using CareBot.Protocol.Middleware;
using CareBot.Storage.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// A turn's outcome row, state, cases and outbox rows in one PostgreSQL transaction: the state goes through
/// <c>carebot_write_state</c> (migration 1), whose CB409 on a stale ETag aborts the transaction before any case or
/// outbox row is written.
/// </summary>
internal sealed class PostgresTurnCommitStore(
    NpgsqlDataSource dataSource,
    StorageInitializer initializer,
    TimeProvider time,
    StorageOptions options,
    ILogger<PostgresTurnCommitStore> logger) : ITurnCommitStore
{
    private const string ConflictSqlState = "CB409";

    // Turns write the outcome rows, so turns also purge the expired ones (at most once a minute, a bounded batch).
    private readonly OutcomePurgeSchedule _purge = new(time);

    public async Task<TurnCommitResult> CommitAsync(TurnCommit commit, CancellationToken cancellationToken)
    {
        CaseRows.Validate(commit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().ToUniversalTime();
        var state = commit.State.Select(w => new StateRecord(w.Key, w.Json, ETags.New())).ToList();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Disposing without commit rolls back.
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // One round trip for the outcome row and the state (BEGIN travels with it), one for the COMMIT; cases and
                // outbox rows, when the turn has any, add theirs.
                await WriteOutcomeAndStateAsync(connection, transaction, commit, state, now, cancellationToken).ConfigureAwait(false);

                var cases = new List<CommittedCase>(commit.NewCases.Count);
                foreach (var value in commit.NewCases)
                {
                    var (number, created) = await PostgresCaseStore.InsertAsync(connection, transaction, value, now, cancellationToken).ConfigureAwait(false);
                    cases.Add(new CommittedCase(value.CreationKey, "C-" + number.ToString(CultureInfo.InvariantCulture), created));
                }

                foreach (var update in commit.CaseUpdates)
                {
                    await PostgresCaseStore.UpdateInTransactionAsync(connection, transaction, update.Case, update.ExpectedVersion, now, cancellationToken).ConfigureAwait(false);
                }

                await PostgresOutboxStore.InsertAsync(connection, transaction, commit.Outbox, now, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new TurnCommitResult(state, cases);
            }
        }
    }

    private async Task WriteOutcomeAndStateAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        TurnCommit commit,
        List<StateRecord> results,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch.ConfigureAwait(false))
        {
            if (commit.Processed is { } processed)
            {
                batch.BatchCommands.Add(PostgresActivityOutcomeStore.RecordCommand(processed, now, options.OutcomeRetention));
            }

            if (commit.State.Count > 0)
            {
                batch.BatchCommands.Add(StateCommand(commit.State, results, now));
            }

            NpgsqlBatchCommand? purge = null;
            if (_purge.TryTakeTurn())
            {
                purge = PostgresActivityOutcomeStore.PurgeCommand(now);
                batch.BatchCommands.Add(purge);
            }

            if (batch.BatchCommands.Count == 0)
            {
                return;
            }

            var duplicate = false;
            try
            {
                var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    duplicate = commit.Processed is not null && !await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                    {
                    }
                }
            }
            catch (PostgresException exception) when (exception.SqlState == ConflictSqlState)
            {
                // The message ends with the stale write's 1-based position.
                var message = exception.MessageText;
                var position = int.Parse(message.AsSpan(message.LastIndexOf(' ') + 1), NumberStyles.None, CultureInfo.InvariantCulture);
                var write = commit.State.ElementAt(position - 1);
                logger.StateConflict(write.Key, write.ExpectedETag);
                throw new StateConflictException(write.Key, write.ExpectedETag);
            }

            if (purge is { RecordsAffected: > 0 })
            {
                logger.OutcomesPurged(purge.RecordsAffected);
            }

            if (duplicate)
            {
                // Another delivery of the activity committed first: answer its outcome; disposing the transaction rolls back.
                var key = commit.Processed!.Key;
                var stored = await PostgresActivityOutcomeStore.FindAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false);
                throw new DuplicateActivityException(key, stored ?? new StoredTurnOutcome(200, null));
            }
        }
    }

    private static NpgsqlBatchCommand StateCommand(IReadOnlyCollection<StateWrite> writes, List<StateRecord> results, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand("SELECT carebot_write_state($1, $2, $3, $4, $5);");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.Key)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.Json)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. writes.Select(w => w.ExpectedETag)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. results.Select(r => r.ETag)] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return command;
    }
}
