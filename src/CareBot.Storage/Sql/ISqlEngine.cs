using System.Data.Common;

namespace CareBot.Storage.Sql;

/// <summary>
/// The connections and write transactions of one engine, for the stores that run the same SQL on SQLite and PostgreSQL.
/// SQLite queues this process's writers and takes its write lock up front (<c>BEGIN IMMEDIATE</c>); PostgreSQL uses
/// its pool and its row locks.
/// </summary>
internal interface ISqlEngine
{
    /// <summary>This engine's SQL spellings.</summary>
    SqlDialect Dialect { get; }

    /// <summary>A pooled connection for reads (writes go through <see cref="WriteAsync"/>).</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="read"/> on a connection for reads, with the commands this engine keeps for that connection
    /// (SQLite: a few read connections stay open with their commands; PostgreSQL: none, null). For the reads every turn
    /// makes; the commands are valid only during the call.
    /// </summary>
    Task<T> ReadAsync<T>(Func<DbConnection, KeptCommands?, Task<T>> read, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="write"/> on a connection of its own and commits when it returns; when it throws, nothing it
    /// wrote stays. The transaction it gets is null where <paramref name="kind"/> needs none on this engine.
    /// </summary>
    Task<T> WriteAsync<T>(SqlWrite kind, Func<DbConnection, DbTransaction?, Task<T>> write, CancellationToken cancellationToken);
}
