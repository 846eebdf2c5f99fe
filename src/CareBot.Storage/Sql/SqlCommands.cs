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

    /// <summary>Sets parameter <paramref name="name"/> (adding it, or rebinding a kept command's: see <see cref="KeptCommands"/>).</summary>
    public static DbCommand With(this DbCommand command, string name, object value)
    {
        Parameter(command, name).Value = value;
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
        var parameter = Parameter(command, name);
        parameter.DbType = DbType.String;
        parameter.Value = (object?)value ?? DBNull.Value;
        return command;
    }

    /// <summary>A point in time that may be null (typed, like <see cref="WithText"/>).</summary>
    public static DbCommand WithTime(this DbCommand command, SqlDialect dialect, string name, DateTimeOffset? value)
    {
        var parameter = Parameter(command, name);
        parameter.DbType = dialect.TimeType;
        parameter.Value = value is { } time ? dialect.Time(time) : DBNull.Value;
        return command;
    }

    // The command's parameter called name: a kept command has it from its last use (only the value changes), a new
    // command gets it now. A plain loop, not Parameters.IndexOf(name): Npgsql's builds a name dictionary from five
    // parameters on, for every command.
    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameters = command.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].ParameterName == name)
            {
                return parameters[i];
            }
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameters.Add(parameter);
        return parameter;
    }
}
