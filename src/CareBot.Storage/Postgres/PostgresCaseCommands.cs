using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Storage.Sql;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// The case statements of a PostgreSQL turn batch (<see cref="PostgresTurnCommitStore"/>). They stay PostgreSQL's own:
/// a batch runs without an explicit transaction, so each statement reports its outcome in its rows (an insert's number,
/// <c>carebot_require</c> for a stale version) instead of in a row count read between statements, as
/// <see cref="SqlCaseStore"/> does.
/// </summary>
internal static class PostgresCaseCommands
{
    /// <summary>
    /// A turn batch's statement that inserts a new case unless its creation key is stored. It returns (number, created)
    /// for the inserted case, or (number, false) for the stored one — or no row when a concurrent transaction stored the
    /// key after this statement's snapshot was taken (then read the number with <see cref="FindNumberAsync"/>).
    /// </summary>
    internal static NpgsqlBatchCommand InsertCommand(Case value, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(
            """
            WITH inserted AS (
                INSERT INTO cases (number, creation_key, status, queue, priority, sla_due, assignee, version, json, created_at, updated_at, summary, customer_key)
                VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $9, $10, $11)
                ON CONFLICT (creation_key) DO NOTHING
                RETURNING number)
            SELECT number, true FROM inserted
            UNION ALL
            SELECT number, false FROM cases WHERE creation_key = $2 AND NOT EXISTS (SELECT 1 FROM inserted);
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value.Number });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value.CreationKey });
        AddColumns(command.Parameters, value);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CaseRows.Summary(value) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CaseListQuery.CustomerKeyOf(value.Customer) });
        return command;
    }

    /// <summary>The number of the case stored under <paramref name="creationKey"/>.</summary>
    internal static async Task<long> FindNumberAsync(NpgsqlConnection connection, string creationKey, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT number FROM cases WHERE creation_key = $1;", connection);
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = creationKey });
        return (long)(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// A turn batch's statement that updates a case at <paramref name="expectedVersion"/>; a stale version raises
    /// <paramref name="conflictSqlState"/> with a message ending in <paramref name="position"/>, which aborts the batch.
    /// </summary>
    internal static NpgsqlBatchCommand UpdateCommand(Case value, long expectedVersion, DateTimeOffset now, string conflictSqlState, int position)
    {
        var command = new NpgsqlBatchCommand(
            """
            WITH updated AS (
                UPDATE cases SET status = $3, queue = $4, priority = $5, sla_due = $6, assignee = $7, json = $8,
                    version = version + 1, updated_at = $9, summary = $10
                WHERE number = $1 AND version = $2
                RETURNING 1)
            SELECT carebot_require(EXISTS (SELECT 1 FROM updated), $11, 'stale case version at update ' || $12);
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value.Number });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
        AddColumns(command.Parameters, value);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CaseRows.Summary(value) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conflictSqlState });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = position.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return command;
    }

    // Parameters $3..$8 of the insert and update: status, queue, priority, sla_due, assignee, json.
    private static void AddColumns(NpgsqlParameterCollection parameters, Case value)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = CaseRows.Status(value.Status) });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = value.Queue });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)value.Priority });
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = CaseRows.SlaDue(value).ToUniversalTime() });
        parameters.Add(new NpgsqlParameter<string?> { TypedValue = value.Assignee });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = CaseJson.Serialize(value) });
    }
}
