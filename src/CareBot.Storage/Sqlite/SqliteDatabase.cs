using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CareBot.Storage.Sqlite;

/// <summary>
/// Opens connections to the SQLite file. Connections are pooled by Microsoft.Data.Sqlite; each opened one is set to
/// full durability (<c>synchronous=FULL</c>: a committed case or outbox row survives a power cut) and waits for a busy
/// writer instead of failing with SQLITE_BUSY.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    // SQLite has one writer at a time. Queuing this process's writers here, asynchronously, keeps them from waiting
    // inside SQLite's busy handler, which sleeps on a thread-pool thread; the busy timeout is left for other processes.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly string _connectionString;
    private readonly string _pragmas;

    public SqliteDatabase(string path, TimeSpan busyTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var timeoutMilliseconds = (int)Math.Clamp(busyTimeout.TotalMilliseconds, 0, int.MaxValue);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = Math.Max(1, timeoutMilliseconds / 1000),
        }.ToString();
        _pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {timeoutMilliseconds}; PRAGMA synchronous = FULL;");
    }

    /// <summary>The absolute path of the database file.</summary>
    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits for this process's turn to write; dispose the result to let the next writer in.</summary>
    public async Task<IDisposable> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new WriteTurn(_writeGate);
    }

    /// <summary>
    /// Starts a write transaction with <c>BEGIN IMMEDIATE</c>: the write lock is taken up front (waiting up to the busy
    /// timeout), so two writers never both read and then fail to upgrade, which would surface as SQLITE_BUSY.
    /// </summary>
    public static SqliteTransaction BeginWrite(SqliteConnection connection) => connection.BeginTransaction(deferred: false);

    public void Dispose() => _writeGate.Dispose();

    private sealed class WriteTurn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
