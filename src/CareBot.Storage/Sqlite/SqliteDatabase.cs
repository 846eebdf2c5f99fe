using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CareBot.Storage.Sqlite;

/// <summary>
/// Opens connections to the SQLite file. Connections are pooled by Microsoft.Data.Sqlite; each opened one waits for a
/// busy writer instead of failing with SQLITE_BUSY, and is set to full durability (<c>synchronous=FULL</c>: a committed
/// state, case or outbox row is flushed to disk before the commit returns, so it survives a power cut).
/// </summary>
/// <remarks>
/// Those settings belong to the physical connection, which the pool keeps open between uses, so they are applied once
/// per physical connection (and <c>synchronous</c> again only when a write asks for the other level): a turn used to
/// open connections three times, and running the PRAGMAs on every open was a measurable part of its CPU (its reads and
/// its commit now run on connections kept open, <see cref="SqliteReaders"/> and <see cref="SqliteGroupCommit"/>). That
/// is also why <c>foreign_keys</c> is not in the connection string (Microsoft.Data.Sqlite would run its PRAGMA on every
/// open), and why a read (<see cref="OpenReadAsync"/>) leaves <c>synchronous</c> as it is: the level only matters to a
/// commit.
/// </remarks>
/// <remarks>
/// Bookkeeping that only protects against repeats (activity outcomes) opens with
/// <see cref="OpenRelaxedAsync"/> (<c>synchronous=NORMAL</c>): in WAL mode such a commit survives a process crash but is
/// flushed to disk only by the next full commit (one fsync covers all earlier WAL frames), which every turn makes when it
/// saves its state. That saves two of a turn's three disk flushes; a power cut can lose at most the bookkeeping of the
/// turn in flight, and the conversation state's processed ids still stop a redelivered activity.
/// </remarks>
internal sealed class SqliteDatabase : IDisposable
{
    // SQLite has one writer at a time. Queuing this process's writers here, asynchronously, keeps them from waiting
    // inside SQLite's busy handler, which sleeps on a thread-pool thread; the busy timeout is left for other processes.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly string _connectionString;
    private readonly string _firstOpenPragmas;

    // What each physical connection is set to now, keyed by its native handle (stable while the pool keeps it open;
    // the entry goes when the handle is collected).
    private readonly ConditionalWeakTable<sqlite3, ConnectionSettings> _settings = new();

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
            DefaultTimeout = Math.Max(1, timeoutMilliseconds / 1000),
        }.ToString();
        _firstOpenPragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {timeoutMilliseconds}; PRAGMA foreign_keys = 1;");
    }

    private long _commits;

    /// <summary>
    /// Whether SQLite's own commits of write transactions (its commit hook, set on every connection) are counted in
    /// <see cref="Commits"/>: for tests that check how many transactions a turn costs.
    /// </summary>
    internal bool CountCommits { get; set; }

    /// <summary>Write transactions committed on counting connections (see <see cref="CountCommits"/>).</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    /// <summary>The absolute path of the database file.</summary>
    public string Path { get; }

    /// <summary>A connection whose commits are flushed to disk before they return.</summary>
    public Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(relaxed: false, cancellationToken);

    /// <summary>A connection for bookkeeping whose commits reach the disk with the next full commit (see the remarks).</summary>
    public Task<SqliteConnection> OpenRelaxedAsync(CancellationToken cancellationToken) => OpenAsync(relaxed: true, cancellationToken);

    /// <summary>
    /// A connection for reads only: its <c>synchronous</c> level is whatever its last write left (two PRAGMAs fewer per
    /// turn than switching the level back and forth between the dedupe read and the state read).
    /// </summary>
    public Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken) => OpenAsync(relaxed: null, cancellationToken);

    // relaxed: null leaves the synchronous level as it is (a read).
    private async Task<SqliteConnection> OpenAsync(bool? relaxed, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var handle = connection.Handle!;
            if (!_settings.TryGetValue(handle, out var settings))
            {
                await ExecuteAsync(connection, _firstOpenPragmas, cancellationToken).ConfigureAwait(false);

                // SQLite calls the hook for write transactions only; returning 0 lets the commit proceed.
                raw.sqlite3_commit_hook(handle, _ => { CountCommit(); return 0; }, null);
                settings = new ConnectionSettings();
                _settings.AddOrUpdate(handle, settings);
            }

            if (relaxed is { } level && settings.Relaxed != level)
            {
                var pragma = level ? "PRAGMA synchronous = NORMAL;" : "PRAGMA synchronous = FULL;";
                await ExecuteAsync(connection, pragma, cancellationToken).ConfigureAwait(false);
                settings.Relaxed = level;
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void CountCommit()
    {
        if (CountCommits)
        {
            Interlocked.Increment(ref _commits);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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

    private sealed class ConnectionSettings
    {
        /// <summary>The connection's <c>synchronous</c> level: null until set, true for NORMAL, false for FULL.</summary>
        public bool? Relaxed { get; set; }
    }

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
