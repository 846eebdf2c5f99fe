using CareBot.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace CareBot.Storage.Sqlite;

/// <summary>
/// A few read connections kept open with their commands (<see cref="KeptCommands"/>), for the reads every turn makes
/// (the dedupe read, the state read): a connection from Microsoft.Data.Sqlite's pool loses its commands when it goes
/// back, so each read would compile its SQL again. A reader serves one read at a time; between reads it holds no read
/// transaction (a finished statement is reset), so it keeps no WAL checkpoint waiting.
/// </summary>
internal sealed class SqliteReaders(SqliteDatabase database) : IDisposable
{
    /// <summary>At most this many readers wait between reads; a reader over the limit is closed after its read.</summary>
    internal static readonly int MaxIdle = Math.Max(2, Environment.ProcessorCount);

    private readonly Stack<Reader> _idle = new();
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>How many readers wait between reads now: for tests.</summary>
    internal int Idle
    {
        get
        {
            lock (_lock)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="read"/> on a reader of its own; the commands it gets are valid only during the call.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, KeptCommands, Task<T>> read, CancellationToken cancellationToken)
    {
        var reader = Take() ?? new Reader(await database.OpenReadAsync(cancellationToken).ConfigureAwait(false));
        T result;
        try
        {
            result = await read(reader.Connection, reader.Commands).ConfigureAwait(false);
        }
        catch
        {
            reader.Dispose(); // whatever failed, the next read gets a fresh connection
            throw;
        }

        Return(reader);
        return result;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            while (_idle.TryPop(out var reader))
            {
                reader.Dispose();
            }
        }
    }

    private Reader? Take()
    {
        lock (_lock)
        {
            return _idle.TryPop(out var reader) ? reader : null;
        }
    }

    private void Return(Reader reader)
    {
        lock (_lock)
        {
            if (!_disposed && _idle.Count < MaxIdle)
            {
                _idle.Push(reader);
                return;
            }
        }

        reader.Dispose();
    }

    private sealed class Reader(SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public KeptCommands Commands { get; } = new(connection);

        public void Dispose()
        {
            Commands.Dispose();
            Connection.Dispose();
        }
    }
}
