using System.Data;
using System.Data.Common;

namespace CareBot.Storage.Sql;

/// <summary>Building commands with <c>@name</c> parameters the same way on both engines.</summary>
internal static class SqlCommands
{
    public static DbCommand Command(this DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>
    /// Runs one statement as its own write (<see cref="SqlWrite.OneStatement"/>) on <paramref name="engine"/>; returns
    /// the rows it changed.
    /// </summary>
    public static Task<int> WriteOneStatementAsync(this ISqlEngine engine, string sql, Action<DbCommand> bind, CancellationToken cancellationToken) =>
        engine.WriteAsync(
            SqlWrite.OneStatement,
            async (connection, transaction) =>
            {
                using var command = connection.Command(transaction, sql);
                bind(command);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>A text parameter that may be null (typed, so that PostgreSQL need not guess the type of a null).</summary>
    public static DbCommand WithText(this DbCommand command, string name, string? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = DbType.String;
        parameter.Value = (object?)value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>A point in time that may be null (typed, like <see cref="WithText"/>).</summary>
    public static DbCommand WithTime(this DbCommand command, SqlDialect dialect, string name, DateTimeOffset? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = dialect.TimeType;
        parameter.Value = value is { } time ? dialect.Time(time) : DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
