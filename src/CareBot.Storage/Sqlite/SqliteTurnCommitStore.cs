using CareBot.Care.Stores;
using CareBot.Storage.Migrations;
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
    StorageOptions options,
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
        var at = time.GetUtcNow();
        var now = at.ToUnixTimeMilliseconds();
        if (commit.Processed is { } processed)
        {
            // First: a duplicate delivery stops here, before its state write could fail as a conflict.
            await SqliteActivityOutcomeStore.RecordInTransactionAsync(transaction, processed, at, options.OutcomeRetention, cancellationToken).ConfigureAwait(false);
        }

        var state = await SqliteStateStore.WriteInTransactionAsync(transaction, commit.State, now, logger, cancellationToken).ConfigureAwait(false);
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

        await SqliteOutboxStore.InsertAsync(transaction, commit.Outbox, now, cancellationToken).ConfigureAwait(false);
        if (_purge.TryTakeTurn())
        {
            var purged = await SqliteActivityOutcomeStore.PurgeExpiredAsync(transaction.Connection!, transaction, at, cancellationToken).ConfigureAwait(false);
            if (purged > 0)
            {
                logger.OutcomesPurged(purged);
            }
        }

        return new TurnCommitResult(state, cases);
    }
}
