using CareBot.Protocol.Turns;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CareBot.Storage;

/// <summary>
/// Tells the protocol which storage failures pass by themselves, so that a turn they broke is answered 503 with
/// <c>Retry-After</c> rather than 500: SQLite busy or locked past its busy timeout, disk full, an I/O error or a file it
/// cannot open; PostgreSQL unreachable, shutting down, out of resources (disk full, too many connections) and the
/// other errors Npgsql marks transient. Every turn's commit is one transaction, so such a failure leaves nothing
/// half-written.
/// </summary>
internal sealed class StorageFailureClassifier : IStorageFailureClassifier
{
    /// <summary>How long a channel is told to wait: long enough for a lock to clear or a database to restart.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    // Primary result codes (https://sqlite.org/rescode.html); extended codes keep the primary one in the low byte.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    public bool IsUnavailable(Exception exception, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException sqlite && (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked or SqliteIoError or SqliteFull or SqliteCantOpen
                || current is NpgsqlException { IsTransient: true })
            {
                retryAfter = RetryAfter;
                return true;
            }
        }

        retryAfter = TimeSpan.Zero;
        return false;
    }
}
