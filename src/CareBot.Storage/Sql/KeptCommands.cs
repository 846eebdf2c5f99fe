using System.Data.Common;

namespace CareBot.Storage.Sql;

/// <summary>
/// Commands kept with one long-lived connection, one per SQL text. A driver compiles a command's SQL on its first
/// execution (Microsoft.Data.Sqlite: <c>sqlite3_prepare</c> per statement) and keeps the compiled statement with the
/// command; a kept command executed again with new parameter values (<see cref="SqlCommands.With"/> rebinds by value)
/// skips that work and the command's allocations.
/// </summary>
/// <remarks>
/// Only for a connection that stays open and is used by one caller at a time: the SQLite group-commit writer's, used
/// only inside the process's write turn, and each kept read connection's (<c>SqliteReaders</c>, one read at a time).
/// Pooled connections are no use here: Microsoft.Data.Sqlite disposes a
/// connection's commands when it goes back to the pool. Dispose this before the connection; a connection dropped after
/// an error takes its kept commands with it, and the next connection starts with none.
/// </remarks>
internal sealed class KeptCommands(DbConnection connection) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The kept command for <paramref name="sql"/>, made on first use; it joins <paramref name="transaction"/>.</summary>
    /// <remarks>The caller must not dispose it, and must bind every parameter on every use (values stay from the last one).</remarks>
    public DbCommand Get(DbTransaction? transaction, string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
