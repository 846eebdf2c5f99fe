using Microsoft.Data.Sqlite;

namespace CareBot.Storage.Sqlite;

/// <summary>
/// Group commit for SQLite: concurrent turns' writes share one transaction and one disk flush. Each write waits in a
/// queue; whoever gets the process's write turn next takes everything queued, runs each write inside its own savepoint
/// and commits once. A write answers only after that commit (with <c>synchronous=FULL</c>, after the flush), so nothing
/// acknowledged is lost on a crash; a write that fails (a stale ETag, a duplicate activity) is rolled back to its
/// savepoint and fails alone, while the rest of the batch commits.
/// </summary>
/// <remarks>
/// There is no background writer: the waiting turns take the write turn one after another, and a turn that finds its
/// write already committed by an earlier batch just returns. While one batch flushes, the next one queues up, so the
/// busier the bot, the more turns share a flush. The batches share one connection, kept open between them and used
/// only by the holder of the write turn, so a batch does not rent a connection from the pool.
/// </remarks>
internal sealed class SqliteGroupCommit(SqliteDatabase database) : IAsyncDisposable, IDisposable
{
    /// <summary>At most this many writes share one transaction (bounding how long one batch holds the write lock).</summary>
    internal const int MaxBatch = 128;

    private readonly Queue<Pending> _queue = new();
    private readonly Lock _lock = new();
    private long _batches;

    // The writers' connection: opened by the first batch, used only inside the write turn, dropped after a batch fails
    // as a whole (so a broken connection is not reused) and when the process stops.
    private SqliteConnection? _writer;

    /// <summary>How many batches (transactions) were committed: for tests and the benchmark's breakdown.</summary>
    internal long Batches => Interlocked.Read(ref _batches);

    /// <summary>How many writes wait for a batch now: for tests.</summary>
    internal int Queued
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a shared write transaction and returns its result once that transaction is
    /// durable. The write must only use the transaction it is given, and may run on another turn's thread.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var pending = new Pending<T>(write, cancellationToken);
        lock (_lock)
        {
            _queue.Enqueue(pending);
        }

        while (!pending.Done.IsCompleted)
        {
            IDisposable writeTurn;
            try
            {
                writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (pending.TryCancel())
            {
                throw; // still queued: it will never be written
            }
            catch (OperationCanceledException)
            {
                break; // a batch has taken it already: its outcome stands, wait for it below
            }

            using (writeTurn)
            {
                if (!pending.Done.IsCompleted)
                {
                    await CommitBatchAsync().ConfigureAwait(false);
                }
            }
        }

        return await pending.Result.ConfigureAwait(false);
    }

    private async Task CommitBatchAsync()
    {
        var batch = TakeBatch();
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            _writer ??= await database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            using var transaction = SqliteDatabase.BeginWrite(_writer);
            var written = new List<Pending>(batch.Count);
            foreach (var pending in batch)
            {
                if (await RunInSavepointAsync(transaction, pending).ConfigureAwait(false))
                {
                    written.Add(pending);
                }
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref _batches);
            foreach (var pending in written)
            {
                pending.Succeed();
            }
        }
        catch (Exception exception)
        {
            await DropWriterAsync().ConfigureAwait(false);

            // The batch's transaction failed as a whole (the disk, the connection, a savepoint that could not be rolled
            // back): nothing of it was stored, so every write in it fails with the cause (those already failed keep theirs).
            foreach (var pending in batch)
            {
                pending.Fail(exception);
            }
        }
    }

    // True when the write succeeded (its result waits for the commit); false when it failed alone and was rolled back.
    private static async Task<bool> RunInSavepointAsync(SqliteTransaction transaction, Pending pending)
    {
        await ExecuteAsync(transaction, "SAVEPOINT turn;").ConfigureAwait(false);
        try
        {
            await pending.RunAsync(transaction).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await ExecuteAsync(transaction, "ROLLBACK TO turn; RELEASE turn;").ConfigureAwait(false);
            pending.Fail(exception);
            return false;
        }

        await ExecuteAsync(transaction, "RELEASE turn;").ConfigureAwait(false);
        return true;
    }

    private static async Task ExecuteAsync(SqliteTransaction transaction, string sql)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task DropWriterAsync()
    {
        var writer = _writer;
        _writer = null;
        if (writer is not null)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes the writers' connection once no batch can be running (the process's write turn is taken).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var writeTurn = await database.EnterWriteAsync(CancellationToken.None).ConfigureAwait(false);
            await DropWriterAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            await DropWriterAsync().ConfigureAwait(false); // the database (and its write gate) went first
        }
    }

    /// <summary>Closes the writers' connection (a container disposed synchronously; the server has stopped by then).</summary>
    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private List<Pending> TakeBatch()
    {
        var batch = new List<Pending>();
        lock (_lock)
        {
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var pending))
            {
                if (pending.TryTake())
                {
                    batch.Add(pending);
                }
            }
        }

        return batch;
    }

    private abstract class Pending
    {
        private const int Queued = 0;
        private const int Taken = 1;
        private const int Cancelled = 2;
        private int _state;

        public abstract Task Done { get; }

        /// <summary>A batch takes it (false: its waiter gave up first).</summary>
        public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

        /// <summary>Its waiter gives up (false: a batch has taken it).</summary>
        public bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued;

        public abstract Task RunAsync(SqliteTransaction transaction);

        public abstract void Succeed();

        public abstract void Fail(Exception exception);
    }

    private sealed class Pending<T>(Func<SqliteTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken) : Pending
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _value = default!;

        public override Task Done => _result.Task;

        public Task<T> Result => _result.Task;

        public override async Task RunAsync(SqliteTransaction transaction) =>
            _value = await write(transaction, cancellationToken).ConfigureAwait(false);

        public override void Succeed() => _result.TrySetResult(_value);

        public override void Fail(Exception exception) => _result.TrySetException(exception);
    }
}
