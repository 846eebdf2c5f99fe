using System.Data.Common;
using System.Globalization;
using CareBot.Care.Stores;
using CareBot.Storage.Migrations;
using Microsoft.Extensions.Logging;

namespace CareBot.Storage.Sql;

/// <summary>
/// Conversation and user state, the same SQL on both engines. A write is one transaction of conditional statements; a
/// statement that affects no row means a stale ETag, and the whole transaction is rolled back. (A turn's own state
/// write goes with its commit instead: see the turn commit stores.)
/// </summary>
internal sealed class SqlStateStore(
    ISqlEngine engine,
    StorageInitializer initializer,
    TimeProvider time,
    ILogger<SqlStateStore> logger) : IStateStore
{
    // What a turn reads: one key, so one constant SQL text (the key of its kept command).
    private const string ReadOneSql = "SELECT state_key, json, etag FROM state WHERE state_key IN (@k0);";

    public async Task<IReadOnlyDictionary<string, StateRecord>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var records = new Dictionary<string, StateRecord>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return records;
        }

        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var distinct = keys.Count == 1 ? keys : [.. keys.Distinct(StringComparer.Ordinal)];
        return await engine.ReadAsync(
            async (connection, kept) =>
            {
                var sql = distinct.Count == 1 ? ReadOneSql : ReadSql(distinct.Count);
                var command = kept?.Get(null, sql) ?? connection.Command(null, sql);
                using var owned = kept is null ? command : null; // a kept command stays with its connection
                var index = 0;
                foreach (var key in distinct)
                {
                    command.With(KeyName(index++), key);
                }

                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var record = new StateRecord(reader.GetString(0), engine.Dialect.ReadUtf8Text(reader, 1), reader.GetString(2));
                        records[record.Key] = record;
                    }
                }

                return records;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StateRecord>> WriteAsync(IReadOnlyCollection<StateWrite> writes, CancellationToken cancellationToken)
    {
        StateWrites.Validate(writes);
        if (writes.Count == 0)
        {
            return [];
        }

        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return await engine.WriteAsync(
            SqlWrite.AllOrNothing,
            (connection, transaction) => WriteInTransactionAsync(engine.Dialect, connection, transaction, null, writes, now, logger, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The state part of a write, inside the caller's transaction (the SQLite turn commit shares it), with the commands
    /// <paramref name="kept"/> keeps for the connection if given.
    /// </summary>
    internal static async Task<IReadOnlyList<StateRecord>> WriteInTransactionAsync(
        SqlDialect dialect,
        DbConnection connection,
        DbTransaction? transaction,
        KeptCommands? kept,
        IReadOnlyCollection<StateWrite> writes,
        DateTimeOffset now,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var results = new List<StateRecord>(writes.Count);
        foreach (var write in writes)
        {
            var etag = ETags.New();
            // The document goes in as UTF-8 and is stored as TEXT (see SqlDialect.Utf8Text), as before: old and new rows
            // read the same, and so do the CLI, the studio and analytics.
            var sql = write.ExpectedETag switch
            {
                null => "INSERT INTO state (state_key, json, etag, updated_at) VALUES (@key, CAST(@json AS TEXT), @etag, @now) ON CONFLICT (state_key) DO NOTHING;",
                ETags.Any => "INSERT INTO state (state_key, json, etag, updated_at) VALUES (@key, CAST(@json AS TEXT), @etag, @now) "
                    + "ON CONFLICT (state_key) DO UPDATE SET json = excluded.json, etag = excluded.etag, updated_at = excluded.updated_at;",
                _ => "UPDATE state SET json = CAST(@json AS TEXT), etag = @etag, updated_at = @now WHERE state_key = @key AND etag = @expected;",
            };
            var command = kept?.Get(transaction, sql) ?? connection.Command(transaction, sql);
            using var owned = kept is null ? command : null; // a kept command stays with its connection
            command.With("@key", write.Key).With("@json", dialect.Utf8Text(write.Utf8Json)).With("@etag", etag).With("@now", dialect.Time(now));
            if (write.ExpectedETag is { } expected and not ETags.Any)
            {
                command.With("@expected", expected);
            }

            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                logger.StateConflict(write.Key, write.ExpectedETag);
                throw new StateConflictException(write.Key, write.ExpectedETag);
            }

            results.Add(new StateRecord(write.Key, write.Utf8Json, etag));
        }

        return results;
    }

    public async Task DeleteAsync(string key, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        if (expectedETag is null or ETags.Any)
        {
            await engine.WriteAsync(
                SqlWrite.OneStatement,
                async (connection, transaction) =>
                {
                    using var delete = connection.Command(transaction, "DELETE FROM state WHERE state_key = @key;").With("@key", key);
                    return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            return;
        }

        await engine.WriteAsync(
            SqlWrite.AllOrNothing,
            async (connection, transaction) =>
            {
                using var delete = connection.Command(transaction, "DELETE FROM state WHERE state_key = @key AND etag = @expected;")
                    .With("@key", key).With("@expected", expectedETag);
                if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
                {
                    return true;
                }

                // Nothing deleted: a stale ETag if the document is there (in this transaction), else already gone.
                using var exists = connection.Command(transaction, "SELECT EXISTS (SELECT 1 FROM state WHERE state_key = @key);").With("@key", key);
                if (Convert.ToBoolean(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture))
                {
                    logger.StateConflict(key, expectedETag);
                    throw new StateConflictException(key, expectedETag);
                }

                return false;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteWrittenBeforeAsync(string keyPrefix, DateTimeOffset before, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);

        // substr, not LIKE (SQLite's is case-insensitive, and % or _ would need escaping) nor a key range (PostgreSQL
        // orders text by the database's collation, which need not be byte order). A scan, run rarely.
        return await engine.WriteAsync(
            SqlWrite.OneStatement,
            async (connection, transaction) =>
            {
                using var delete = connection.Command(transaction, "DELETE FROM state WHERE substr(state_key, 1, @length) = @prefix AND updated_at < @before;")
                    .With("@length", keyPrefix.Length).With("@prefix", keyPrefix).With("@before", engine.Dialect.Time(before));
                return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static string ReadSql(int keys) =>
        $"SELECT state_key, json, etag FROM state WHERE state_key IN ({string.Join(", ", Enumerable.Range(0, keys).Select(KeyName))});";

    private static string KeyName(int index) => index == 0 ? "@k0" : "@k" + index.ToString(CultureInfo.InvariantCulture);
}
