using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CareBot.Storage.Sqlite;

/// <summary>
/// Opens connections to the SQLite file. Connections are pooled by Microsoft.Data.Sqlite; each opened one waits for a
/// busy writer instead of failing with SQLITE_BUSY, and is set to full durability (<c>synchronous=FULL</c>: a committed
/// state, case or outbox row is flushed to disk before the commit returns, so it survives a power cut).
/// </summary>
/// <remarks>
/// Bookkeeping that only protects against repeats (activity outcomes) or records what was said (transcripts) opens with
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
    private readonly string _pragmas;
    private readonly string _relaxedPragmas;

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
        _relaxedPragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {timeoutMilliseconds}; PRAGMA synchronous = NORMAL;");
    }

    private long _commits;

    /// <summary>
    /// Whether connections opened from now on count SQLite's own commits of write transactions (its commit hook) in
    /// <see cref="Commits"/>: for tests that check how many transactions a turn costs.
    /// </summary>
    internal bool CountCommits { get; set; }

    /// <summary>Write transactions committed on counting connections (see <see cref="CountCommits"/>).</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    /// <summary>The absolute path of the database file.</summary>
    public string Path { get; }

    /// <summary>A connection whose commits are flushed to disk before they return.</summary>
    public Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(_pragmas, cancellationToken);

    /// <summary>A connection for bookkeeping whose commits reach the disk with the next full commit (see the remarks).</summary>
    public Task<SqliteConnection> OpenRelaxedAsync(CancellationToken cancellationToken) => OpenAsync(_relaxedPragmas, cancellationToken);

    private async Task<SqliteConnection> OpenAsync(string pragmas, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (CountCommits)
            {
                // SQLite calls the hook for write transactions only; returning 0 lets the commit proceed.
                SQLitePCL.raw.sqlite3_commit_hook(connection.Handle, _ => { Interlocked.Increment(ref _commits); return 0; }, null);
            }

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
