using System.Data.Common;

namespace CareBot.Storage.Sql;

/// <summary>
/// How one engine spells what the shared stores (<c>Sql*Store</c>) cannot say the same way on both: a point in time
/// (SQLite keeps Unix milliseconds in an INTEGER, PostgreSQL a <c>timestamptz</c>) and the two statements whose SQL
/// differs. Everything else is one SQL text for both engines, with <c>@name</c> parameters, which both drivers accept.
/// </summary>
/// <param name="Time">A point in time as a parameter value of this engine.</param>
/// <param name="ReadTime">Reads a point in time from a column.</param>
/// <param name="ClaimDueOutboxSql">
/// Claims up to <c>@limit</c> due outbox messages (pending and due at <c>@now</c>, or sending with a lease that ran out or
/// an owner whose heartbeat is older than <c>@aliveSince</c>) for <c>@owner</c> until <c>@lease</c>, and returns them
/// as <see cref="SqlOutboxStore.Columns"/>.
/// </param>
/// <param name="PurgeExpiredOutcomesSql">Deletes up to <c>@limit</c> activity outcomes that expired before <c>@now</c>.</param>
internal sealed record SqlDialect(
    Func<DateTimeOffset, object> Time,
    Func<DbDataReader, int, DateTimeOffset> ReadTime,
    string ClaimDueOutboxSql,
    string PurgeExpiredOutcomesSql);
