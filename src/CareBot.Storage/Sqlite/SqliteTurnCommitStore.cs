using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CareBot.Storage.Sqlite;

/// <summary>
/// A turn's outcome row, state, cases and outbox rows, written together in a savepoint of a group-committed SQLite
/// transaction (<see cref="SqliteGroupCommit"/>): concurrent turns share one transaction and one disk flush, and each
/// turn's commit returns once that flush is done. A turn whose write fails (stale ETag, duplicate activity) leaves
/// nothing behind and fails alone.
/// </summary>
internal sealed class SqliteTurnCommitStore(
    SqliteGroupCommit groupCommit,
    StorageInitializer initializer,
    TimeProvider time,
    TimeSpan outcomeRetention,
    ILogger<SqliteTurnCommitStore> logger) : ITurnCommitStore
{
    private const string InsertCaseSql = """
        INSERT INTO cases (number, creation_key, status, queue, priority, sla_due, assignee, version, json, created_at, updated_at, summary, customer_key)
        VALUES (@number, @key, @status, @queue, @priority, @due, @assignee, 1, @json, @now, @now, @summary, @customer)
        ON CONFLICT (creation_key) DO NOTHING;
        SELECT number, changes() FROM cases WHERE creation_key = @key;
        """;

    // Turns write the outcome rows, so turns also purge the expired ones (at most once a minute, a bounded batch).
    private readonly OutcomePurgeSchedule _purge = new(time);

    public async Task<TurnCommitResult> CommitAsync(TurnCommit commit, CancellationToken cancellationToken)
    {
        CaseRows.Validate(commit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return await groupCommit.WriteAsync((transaction, kept, ct) => WriteAsync(transaction, kept, commit, ct), cancellationToken).ConfigureAwait(false);
    }

    // kept: the group-commit writer's commands, so that each statement is compiled once per connection, not per turn.
    private async Task<TurnCommitResult> WriteAsync(SqliteTransaction transaction, KeptCommands kept, TurnCommit commit, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var at = time.GetUtcNow();
        if (commit.Processed is { } processed)
        {
            // First: a duplicate delivery stops here, before its state write could fail as a conflict.
            await SqlActivityOutcomeStore.RecordInTransactionAsync(SqliteEngine.Sql, connection, transaction, kept, processed, at, outcomeRetention, cancellationToken).ConfigureAwait(false);
        }

        var state = await SqlStateStore.WriteInTransactionAsync(SqliteEngine.Sql, connection, transaction, kept, commit.State, at, logger, cancellationToken).ConfigureAwait(false);
        var cases = new List<CommittedCase>(commit.NewCases.Count);
        foreach (var value in commit.NewCases)
        {
            var (number, created) = await InsertCaseAsync(transaction, kept, value, at, cancellationToken).ConfigureAwait(false);
            cases.Add(new CommittedCase(value.CreationKey, "C-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture), created));
        }

        foreach (var update in commit.CaseUpdates)
        {
            await SqlCaseStore.UpdateInTransactionAsync(SqliteEngine.Sql, connection, transaction, kept, update.Case, update.ExpectedVersion, at, cancellationToken).ConfigureAwait(false);
        }

        await SqlOutboxStore.InsertAsync(SqliteEngine.Sql, connection, transaction, kept, commit.Outbox, at, cancellationToken).ConfigureAwait(false);
        if (_purge.TryTakeTurn())
        {
            var purged = await SqlActivityOutcomeStore.PurgeExpiredAsync(SqliteEngine.Sql, connection, transaction, at, cancellationToken).ConfigureAwait(false);
            if (purged > 0)
            {
                logger.OutcomesPurged(purged);
            }
        }

        return new TurnCommitResult(state, cases);
    }

    /// <summary>
    /// Inserts a new case unless its creation key is stored; returns the stored case's number and whether it was
    /// inserted. SQLite's own: <c>changes()</c> tells in the same command whether the insert happened.
    /// </summary>
    private static async Task<(long Number, bool Created)> InsertCaseAsync(
        SqliteTransaction transaction, KeptCommands kept, Case value, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var command = SqlCaseStore.WithColumns(kept.Get(transaction, InsertCaseSql), SqliteEngine.Sql, value, now)
            .With("@number", value.Number)
            .With("@key", value.CreationKey);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return (reader.GetInt64(0), reader.GetInt64(1) == 1);
        }
    }
}
