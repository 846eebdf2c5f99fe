using System.Globalization;
using CareBot.Care.Stores;
using CareBot.Storage.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// A turn's state, cases and outbox rows in one PostgreSQL transaction: the state goes through
/// <c>carebot_write_state</c> (migration 1), whose CB409 on a stale ETag aborts the transaction before any case or
/// outbox row is written.
/// </summary>
internal sealed class PostgresTurnCommitStore(
    NpgsqlDataSource dataSource,
    StorageInitializer initializer,
    TimeProvider time,
    ILogger<PostgresTurnCommitStore> logger) : ITurnCommitStore
{
    private const string ConflictSqlState = "CB409";

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
                if (commit.State.Count > 0)
                {
                    await WriteStateAsync(connection, transaction, commit.State, state, now, cancellationToken).ConfigureAwait(false);
                }

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

    private async Task WriteStateAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IReadOnlyCollection<StateWrite> writes,
        List<StateRecord> results,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT carebot_write_state($1, $2, $3, $4, $5);", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.Key)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.Json)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. writes.Select(w => w.ExpectedETag)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. results.Select(r => r.ETag)] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (exception.SqlState == ConflictSqlState)
        {
            // The message ends with the stale write's 1-based position.
            var message = exception.MessageText;
            var position = int.Parse(message.AsSpan(message.LastIndexOf(' ') + 1), NumberStyles.None, CultureInfo.InvariantCulture);
            var write = writes.ElementAt(position - 1);
            logger.StateConflict(write.Key, write.ExpectedETag);
            throw new StateConflictException(write.Key, write.ExpectedETag);
        }
    }
}
