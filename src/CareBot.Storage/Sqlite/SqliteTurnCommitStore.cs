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
    // Turns write the outcome rows, so turns also purge the expired ones (at most once a minute, a bounded batch).
    private readonly OutcomePurgeSchedule _purge = new(time);

    public async Task<TurnCommitResult> CommitAsync(TurnCommit commit, CancellationToken cancellationToken)
    {
        CaseRows.Validate(commit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return await groupCommit.WriteAsync((transaction, ct) => WriteAsync(transaction, commit, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task<TurnCommitResult> WriteAsync(SqliteTransaction transaction, TurnCommit commit, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var at = time.GetUtcNow();
        var now = at.ToUnixTimeMilliseconds();
        if (commit.Processed is { } processed)
        {
            // First: a duplicate delivery stops here, before its state write could fail as a conflict.
            await SqlActivityOutcomeStore.RecordInTransactionAsync(SqliteEngine.Sql, connection, transaction, processed, at, outcomeRetention, cancellationToken).ConfigureAwait(false);
        }

        var state = await SqlStateStore.WriteInTransactionAsync(SqliteEngine.Sql, connection, transaction, commit.State, at, logger, cancellationToken).ConfigureAwait(false);
        var cases = new List<CommittedCase>(commit.NewCases.Count);
        foreach (var value in commit.NewCases)
        {
            var (number, created) = await SqliteCaseStore.InsertAsync(transaction, value, now, cancellationToken).ConfigureAwait(false);
            cases.Add(new CommittedCase(value.CreationKey, "C-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture), created));
        }

        foreach (var update in commit.CaseUpdates)
        {
            await SqliteCaseStore.UpdateInTransactionAsync(transaction, update.Case, update.ExpectedVersion, now, cancellationToken).ConfigureAwait(false);
        }

        await SqlOutboxStore.InsertAsync(SqliteEngine.Sql, connection, transaction, commit.Outbox, at, cancellationToken).ConfigureAwait(false);
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
}
