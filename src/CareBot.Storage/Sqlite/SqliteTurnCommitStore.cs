using CareBot.Care.Stores;
using CareBot.Storage.Migrations;
using Microsoft.Extensions.Logging;

namespace CareBot.Storage.Sqlite;

/// <summary>A turn's state, cases and outbox rows in one SQLite <c>BEGIN IMMEDIATE</c> transaction.</summary>
internal sealed class SqliteTurnCommitStore(
    SqliteDatabase database,
    StorageInitializer initializer,
    TimeProvider time,
    ILogger<SqliteTurnCommitStore> logger) : ITurnCommitStore
{
    public async Task<TurnCommitResult> CommitAsync(TurnCommit commit, CancellationToken cancellationToken)
    {
        CaseRows.Validate(commit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Disposing without commit rolls back: a stale ETag leaves no state, case or outbox row behind.
            using var transaction = SqliteDatabase.BeginWrite(connection);
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
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new TurnCommitResult(state, cases);
        }
    }
}
