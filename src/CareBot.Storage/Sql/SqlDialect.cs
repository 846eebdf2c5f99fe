using System.Data;
using System.Data.Common;

namespace CareBot.Storage.Sql;

/// <summary>
/// How one engine spells what the shared stores (<c>Sql*Store</c>) cannot say the same way on both: a point in time
/// (SQLite keeps Unix milliseconds in an INTEGER, PostgreSQL a <c>timestamptz</c>), a list (SQLite keeps a JSON array in
/// TEXT, PostgreSQL an array), the byte-wise collation, and the statements whose SQL differs. Everything else is one SQL
/// text for both engines, with <c>@name</c> parameters, which both drivers accept.
/// </summary>
/// <param name="Time">A point in time as a parameter value of this engine.</param>
/// <param name="ReadTime">Reads a point in time from a column.</param>
/// <param name="TimeType">The parameter type of a point in time, for a null one (PostgreSQL must know the type of a null).</param>
/// <param name="Strings">A list of strings as a parameter value (a <c>text[]</c> column on PostgreSQL).</param>
/// <param name="ReadStrings">Reads a list of strings from a column.</param>
/// <param name="Numbers">A list of ids as a parameter value, for <paramref name="IsAnyOf"/>.</param>
/// <param name="IsAnyOf">SQL that is true when the value of the first argument (a column) is in the list parameter named by the second.</param>
/// <param name="SharesAny">SQL that is true when the list column named first and the list parameter named second have an element in common.</param>
/// <param name="BinaryCollation">The COLLATE clause that orders text by code point, as SQLite does by default.</param>
/// <param name="ForUpdate">
/// What a SELECT ends with to hold the rows it reads until the transaction ends: nothing on SQLite, whose write
/// transaction holds the whole database from its start.
/// </param>
/// <param name="NextCaseNumberSql">Takes the next case number from the sequence and returns it.</param>
/// <param name="IndexedBy">The hint after a table name that makes the query walk the named index (none on PostgreSQL).</param>
/// <param name="ClaimDueOutboxSql">
/// Claims up to <c>@limit</c> due outbox messages (pending and due at <c>@now</c>, or sending with a lease that ran out or
/// an owner whose heartbeat is older than <c>@aliveSince</c>) for <c>@owner</c> until <c>@lease</c>, and returns them
/// as <see cref="SqlOutboxStore.Columns"/>.
/// </param>
/// <param name="PurgeExpiredOutcomesSql">Deletes up to <c>@limit</c> activity outcomes that expired before <c>@now</c>.</param>
/// <param name="Utf8Text">
/// A UTF-8 document as the parameter value of a TEXT column, which the SQL writes as <c>CAST(@name AS TEXT)</c>: SQLite
/// binds the bytes as they are (a BLOB, which would be stored as a BLOB without the cast), PostgreSQL gets a string
/// (Npgsql writes <c>text</c> only from .NET text; the cast is a no-op there).
/// </param>
/// <param name="ReadUtf8Text">Reads a TEXT column as its UTF-8 bytes, without a UTF-16 string in between.</param>
/// <param name="LockUploadsSql">
/// Makes the saves of uploaded files take turns until the transaction ends (their bounds are counted before the insert):
/// nothing on SQLite, whose write transaction holds the whole database; on PostgreSQL a table lock that still lets
/// readers in.
/// </param>
internal sealed record SqlDialect(
    Func<DateTimeOffset, object> Time,
    Func<DbDataReader, int, DateTimeOffset> ReadTime,
    DbType TimeType,
    Func<IReadOnlyList<string>, object> Strings,
    Func<DbDataReader, int, IReadOnlyList<string>> ReadStrings,
    Func<IReadOnlyList<long>, object> Numbers,
    Func<string, string, string> IsAnyOf,
    Func<string, string, string> SharesAny,
    string BinaryCollation,
    string ForUpdate,
    string NextCaseNumberSql,
    Func<string, string> IndexedBy,
    string ClaimDueOutboxSql,
    string PurgeExpiredOutcomesSql,
    Func<ReadOnlyMemory<byte>, object> Utf8Text,
    Func<DbDataReader, int, ReadOnlyMemory<byte>> ReadUtf8Text,
    string LockUploadsSql);
