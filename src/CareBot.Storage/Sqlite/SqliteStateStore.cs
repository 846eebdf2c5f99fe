using CareBot.Care.Stores;
using CareBot.Storage.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CareBot.Storage.Sqlite;

/// <summary>
/// Conversation and user state in SQLite. A write is one <c>BEGIN IMMEDIATE</c> transaction of conditional statements;
/// a statement that affects no row means a stale ETag, and the whole transaction is rolled back.
/// </summary>
internal sealed class SqliteStateStore(
    SqliteDatabase database,
    StorageInitializer initializer,
    TimeProvider time,
    ILogger<SqliteStateStore> logger) : IStateStore
{
    public async Task<IReadOnlyDictionary<string, StateRecord>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var records = new Dictionary<string, StateRecord>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return records;
        }

        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            var names = new List<string>(keys.Count);
            foreach (var key in keys.Distinct(StringComparer.Ordinal))
            {
                var name = "$k" + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                names.Add(name);
                command.Parameters.AddWithValue(name, key);
            }

            command.CommandText = $"SELECT state_key, json, etag FROM state WHERE state_key IN ({string.Join(", ", names)});";
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var record = new StateRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2));
                    records[record.Key] = record;
                }
            }
        }

        return records;
    }

    public async Task<IReadOnlyList<StateRecord>> WriteAsync(IReadOnlyCollection<StateWrite> writes, CancellationToken cancellationToken)
    {
        StateWrites.Validate(writes);
        if (writes.Count == 0)
        {
            return [];
        }

        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Disposing without commit rolls back: a conflict leaves nothing written.
            using var transaction = SqliteDatabase.BeginWrite(connection);
            var results = await WriteInTransactionAsync(transaction, writes, now, logger, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return results;
        }
    }

    /// <summary>The state part of a write, inside the caller's transaction (the turn commit shares it).</summary>
    internal static async Task<IReadOnlyList<StateRecord>> WriteInTransactionAsync(
        SqliteTransaction transaction, IReadOnlyCollection<StateWrite> writes, long now, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var results = new List<StateRecord>(writes.Count);
        foreach (var write in writes)
        {
            var etag = ETags.New();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = write.ExpectedETag switch
            {
                null => "INSERT INTO state (state_key, json, etag, updated_at) VALUES ($key, $json, $etag, $now) ON CONFLICT (state_key) DO NOTHING;",
                ETags.Any => "INSERT INTO state (state_key, json, etag, updated_at) VALUES ($key, $json, $etag, $now) "
                    + "ON CONFLICT (state_key) DO UPDATE SET json = excluded.json, etag = excluded.etag, updated_at = excluded.updated_at;",
                _ => "UPDATE state SET json = $json, etag = $etag, updated_at = $now WHERE state_key = $key AND etag = $expected;",
            };
            command.Parameters.AddWithValue("$key", write.Key);
            command.Parameters.AddWithValue("$json", write.Json);
            command.Parameters.AddWithValue("$etag", etag);
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$expected", (object?)write.ExpectedETag ?? DBNull.Value);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                logger.StateConflict(write.Key, write.ExpectedETag);
                throw new StateConflictException(write.Key, write.ExpectedETag);
            }

            results.Add(new StateRecord(write.Key, write.Json, etag));
        }

        return results;
    }

    public async Task DeleteAsync(string key, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = SqliteDatabase.BeginWrite(connection);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var conditional = expectedETag is not null and not ETags.Any;
            command.CommandText = conditional
                ? "DELETE FROM state WHERE state_key = $key AND etag = $expected; SELECT changes(), EXISTS (SELECT 1 FROM state WHERE state_key = $key);"
                : "DELETE FROM state WHERE state_key = $key; SELECT changes(), 0;";
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$expected", (object?)expectedETag ?? DBNull.Value);
            var (deleted, stillThere) = await ReadDeleteResultAsync(command, cancellationToken).ConfigureAwait(false);
            if (deleted == 0 && stillThere)
            {
                logger.StateConflict(key, expectedETag);
                throw new StateConflictException(key, expectedETag);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<(long Deleted, bool StillThere)> ReadDeleteResultAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return (reader.GetInt64(0), reader.GetInt64(1) != 0);
        }
    }
}
