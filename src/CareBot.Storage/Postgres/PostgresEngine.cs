using System.Data;
using System.Data.Common;
using System.Text;
using CareBot.Storage.Sql;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// PostgreSQL for the shared stores: pooled connections from the data source; a transaction only for writes of several
/// statements (a single statement is atomic by itself, and skipping BEGIN/COMMIT saves a round trip).
/// </summary>
internal sealed class PostgresEngine(NpgsqlDataSource dataSource) : ISqlEngine
{
    /// <summary>
    /// PostgreSQL's spellings: times are <c>timestamptz</c> (UTC); lists are arrays (GIN-indexed where searched); rows are
    /// picked by <c>ctid</c>, skipping locked ones.
    /// </summary>
    public static readonly SqlDialect Sql = new(
        Time: value => value.ToUniversalTime(),
        ReadTime: (reader, ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal),
        TimeType: DbType.DateTimeOffset,
        Strings: values => values.ToArray(),
        ReadStrings: (reader, ordinal) => reader.GetFieldValue<string[]>(ordinal),
        Numbers: values => values.ToArray(),
        IsAnyOf: (column, list) => $"{column} = ANY({list})",
        SharesAny: (column, list) => $"{column} && {list}",
        BinaryCollation: "COLLATE \"C\"",
        ForUpdate: " FOR UPDATE",
        NextCaseNumberSql: "SELECT nextval('case_numbers');",
        IndexedBy: _ => string.Empty,
        ClaimDueOutboxSql: $"""
            UPDATE outbox o SET status = 'sending', lease_until = @lease, lease_owner = @owner, attempts = o.attempts + 1, updated_at = @now
            FROM (
                SELECT id FROM outbox
                WHERE (status = 'pending' AND next_attempt_at <= @now)
                   OR (status = 'sending' AND (lease_until <= @now
                       OR NOT EXISTS (SELECT 1 FROM server_instances AS owner
                                      WHERE owner.instance_id = outbox.lease_owner AND owner.heartbeat_at >= @aliveSince)))
                ORDER BY next_attempt_at, id LIMIT @limit
                FOR UPDATE SKIP LOCKED) due
            WHERE o.id = due.id
            RETURNING {string.Join(", ", SqlOutboxStore.Columns.Split(", ").Select(column => "o." + column))};
            """,
        // SKIP LOCKED: two processes purging at once split the work instead of waiting for each other.
        PurgeExpiredOutcomesSql: """
            DELETE FROM activity_outcomes
            WHERE ctid IN (SELECT ctid FROM activity_outcomes WHERE expires_at < @now LIMIT @limit FOR UPDATE SKIP LOCKED);
            """,
        Utf8Text: bytes => Encoding.UTF8.GetString(bytes.Span),
        ReadUtf8Text: ReadUtf8,
        LockUploadsSql: "LOCK TABLE directline_uploads IN SHARE ROW EXCLUSIVE MODE;");

    public SqlDialect Dialect => Sql;

    // Npgsql hands any column's raw value out as a stream; a text column's is UTF-8 (the client encoding Npgsql asks the
    // server for). The row is buffered already (the readers are not sequential), so this reads memory, not the socket.
    private static ReadOnlyMemory<byte> ReadUtf8(DbDataReader reader, int ordinal)
    {
        using var stream = reader.GetStream(ordinal);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    // Npgsql's pool is the reuse here: a read's commands go with it.
    public async Task<T> ReadAsync<T>(Func<DbConnection, KeptCommands?, Task<T>> read, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await read(connection, null).ConfigureAwait(false);
        }
    }

    public async Task<T> WriteAsync<T>(SqlWrite kind, Func<DbConnection, DbTransaction?, Task<T>> write, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (kind != SqlWrite.AllOrNothing)
            {
                return await write(connection, null).ConfigureAwait(false);
            }

            // Disposing without commit rolls back: a write that throws leaves nothing behind.
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await write(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }
}
