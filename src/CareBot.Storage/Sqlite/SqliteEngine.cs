using System.Data;
using System.Data.Common;
using System.Text.Json;
using CareBot.Storage.Sql;

namespace CareBot.Storage.Sqlite;

/// <summary>
/// SQLite for the shared stores: writes queue in this process (<see cref="SqliteDatabase.EnterWriteAsync"/>) and take
/// the write lock up front (<c>BEGIN IMMEDIATE</c>), so two writers never both read and then fail to upgrade.
/// </summary>
internal sealed class SqliteEngine(SqliteDatabase database) : ISqlEngine, IDisposable
{
    private readonly SqliteReaders _readers = new(database);

    /// <summary>
    /// SQLite's spellings: times are Unix milliseconds; lists are JSON arrays, searched with <c>json_each</c>; rows are
    /// picked by <c>rowid</c>.
    /// </summary>
    public static readonly SqlDialect Sql = new(
        Time: value => value.ToUnixTimeMilliseconds(),
        ReadTime: (reader, ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal)),
        TimeType: DbType.Int64,
        Strings: values => JsonSerializer.Serialize(values),
        ReadStrings: (reader, ordinal) => JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal)) ?? [],
        Numbers: values => JsonSerializer.Serialize(values),
        IsAnyOf: (column, list) => $"{column} IN (SELECT value FROM json_each({list}))",
        SharesAny: (column, list) => $"EXISTS (SELECT 1 FROM json_each({column}) w WHERE w.value IN (SELECT value FROM json_each({list})))",
        BinaryCollation: "COLLATE BINARY",
        ForUpdate: "",
        // Only the sequence matters; the rows below the new one are dropped so the table stays one row long.
        NextCaseNumberSql: "INSERT INTO case_numbers DEFAULT VALUES; DELETE FROM case_numbers WHERE number < last_insert_rowid(); SELECT last_insert_rowid();",
        IndexedBy: index => " INDEXED BY " + index,
        ClaimDueOutboxSql: $"""
            UPDATE outbox SET status = 'sending', lease_until = @lease, lease_owner = @owner, attempts = attempts + 1, updated_at = @now
            WHERE id IN (
                SELECT id FROM outbox
                WHERE (status = 'pending' AND next_attempt_at <= @now)
                   OR (status = 'sending' AND (lease_until <= @now
                       OR NOT EXISTS (SELECT 1 FROM server_instances AS owner
                                      WHERE owner.instance_id = outbox.lease_owner AND owner.heartbeat_at >= @aliveSince)))
                ORDER BY next_attempt_at, id LIMIT @limit)
            RETURNING {SqlOutboxStore.Columns};
            """,
        PurgeExpiredOutcomesSql: """
            DELETE FROM activity_outcomes
            WHERE rowid IN (SELECT rowid FROM activity_outcomes WHERE expires_at < @now LIMIT @limit);
            """,
        Utf8Text: bytes => ByteArrays.Whole(bytes),
        // A TEXT value's bytes are its UTF-8 (the database's encoding): SQLite hands them over without converting.
        ReadUtf8Text: (reader, ordinal) => reader.GetFieldValue<byte[]>(ordinal),
        LockUploadsSql: string.Empty);

    public SqlDialect Dialect => Sql;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);

    public Task<T> ReadAsync<T>(Func<DbConnection, KeptCommands?, Task<T>> read, CancellationToken cancellationToken) =>
        _readers.ReadAsync(read, cancellationToken);

    public void Dispose() => _readers.Dispose();

    // SQLite takes its one write lock for every kind of write, so every write gets a transaction.
    public async Task<T> WriteAsync<T>(SqlWrite kind, Func<DbConnection, DbTransaction?, Task<T>> write, CancellationToken cancellationToken)
    {
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = kind == SqlWrite.Bookkeeping
            ? await database.OpenRelaxedAsync(cancellationToken).ConfigureAwait(false)
            : await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Disposing without commit rolls back: a write that throws leaves nothing behind.
            using var transaction = SqliteDatabase.BeginWrite((Microsoft.Data.Sqlite.SqliteConnection)connection);
            var result = await write(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
    }
}
