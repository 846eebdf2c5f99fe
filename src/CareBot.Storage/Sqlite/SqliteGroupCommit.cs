using CareBot.Storage.Sql;
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
/// only by the holder of the write turn, so a batch does not rent a connection from the pool, and its statements keep
/// their commands (<see cref="KeptCommands"/>), compiled once for as long as the connection.
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
    private Writer? _writer;

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
    /// durable. The write must only use the transaction it is given and the writer's kept commands (valid only during
    /// the call), and may run on another turn's thread.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteTransaction, KeptCommands, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
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
            var writer = await WriterAsync().ConfigureAwait(false);
            using var transaction = SqliteDatabase.BeginWrite(writer.Connection);
            var written = new List<Pending>(batch.Count);
            if (batch.Count == 1)
            {
                // Alone in its batch (a bot that is not busy): the transaction is its savepoint, two statements fewer.
                if (!await RunAloneAsync(writer, transaction, batch[0]).ConfigureAwait(false))
                {
                    await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                    return;
                }

                written.Add(batch[0]);
            }
            else
            {
                foreach (var pending in batch)
                {
                    if (await RunInSavepointAsync(writer, transaction, pending).ConfigureAwait(false))
                    {
                        written.Add(pending);
                    }
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

    // True when the write succeeded (its result waits for the commit); false when it failed (the caller rolls back).
    private static async Task<bool> RunAloneAsync(Writer writer, SqliteTransaction transaction, Pending pending)
    {
        try
        {
            await pending.RunAsync(transaction, writer.Commands).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception)
        {
            pending.Fail(exception);
            return false;
        }
    }

    // True when the write succeeded (its result waits for the commit); false when it failed alone and was rolled back.
    private static async Task<bool> RunInSavepointAsync(Writer writer, SqliteTransaction transaction, Pending pending)
    {
        await Writer.ExecuteAsync(writer.Savepoint, transaction).ConfigureAwait(false);
        try
        {
            await pending.RunAsync(transaction, writer.Commands).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await Writer.ExecuteAsync(writer.RollBackToSavepoint, transaction).ConfigureAwait(false);
            pending.Fail(exception);
            return false;
        }

        await Writer.ExecuteAsync(writer.Release, transaction).ConfigureAwait(false);
        return true;
    }

    private async Task<Writer> WriterAsync() =>
        _writer ??= new Writer(await database.OpenAsync(CancellationToken.None).ConfigureAwait(false));

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

    /// <summary>
    /// The writers' connection, its savepoint statements and the writes' commands, kept (and so prepared once) for as
    /// long as the connection: a new command would be parsed again on every turn.
    /// </summary>
    private sealed class Writer(SqliteConnection connection) : IAsyncDisposable, IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public KeptCommands Commands { get; } = new(connection);

        public SqliteCommand Savepoint { get; } = Create(connection, "SAVEPOINT turn;");

        public SqliteCommand Release { get; } = Create(connection, "RELEASE turn;");

        public SqliteCommand RollBackToSavepoint { get; } = Create(connection, "ROLLBACK TO turn; RELEASE turn;");

        public static async Task ExecuteAsync(SqliteCommand command, SqliteTransaction transaction)
        {
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            Commands.Dispose();
            await Savepoint.DisposeAsync().ConfigureAwait(false);
            await Release.DisposeAsync().ConfigureAwait(false);
            await RollBackToSavepoint.DisposeAsync().ConfigureAwait(false);
            await Connection.DisposeAsync().ConfigureAwait(false);
        }

        public void Dispose()
        {
            Commands.Dispose();
            Savepoint.Dispose();
            Release.Dispose();
            RollBackToSavepoint.Dispose();
            Connection.Dispose();
        }

        private static SqliteCommand Create(SqliteConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }
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

        public abstract Task RunAsync(SqliteTransaction transaction, KeptCommands commands);

        public abstract void Succeed();

        public abstract void Fail(Exception exception);
    }

    private sealed class Pending<T>(Func<SqliteTransaction, KeptCommands, CancellationToken, Task<T>> write, CancellationToken cancellationToken) : Pending
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _value = default!;

        public override Task Done => _result.Task;

        public Task<T> Result => _result.Task;

        public override async Task RunAsync(SqliteTransaction transaction, KeptCommands commands) =>
            _value = await write(transaction, commands, cancellationToken).ConfigureAwait(false);

        public override void Succeed() => _result.TrySetResult(_value);

        public override void Fail(Exception exception) => _result.TrySetException(exception);
    }
}
