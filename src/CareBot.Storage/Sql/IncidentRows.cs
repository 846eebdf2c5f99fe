using System.Data.Common;
using CareBot.Care.Incidents;

namespace CareBot.Storage.Sql;

/// <summary>How incident and detector-window rows read back.</summary>
internal static class IncidentRows
{
    /// <summary>Runs a query whose rows are (incident JSON, version) and reads every row.</summary>
    public static async Task<List<(Incident Incident, long Version)>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var found = new List<(Incident, long)>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found.Add((IncidentJson.Deserialize(reader.GetString(0)), reader.GetInt64(1)));
            }
        }

        return found;
    }

    /// <summary>Runs a query whose rows are (observation id, complaint JSON) and reads every row.</summary>
    public static async Task<List<RecordedComplaint>> ReadComplaintsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var found = new List<RecordedComplaint>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found.Add(new RecordedComplaint(reader.GetInt64(0), IncidentJson.DeserializeComplaint(reader.GetString(1))));
            }
        }

        return found;
    }

    /// <summary>Runs a query whose rows are one list of key words each (a cool-down's topic) and reads every row.</summary>
    public static async Task<List<IReadOnlyList<string>>> ReadTopicsAsync(SqlDialect dialect, DbCommand command, CancellationToken cancellationToken)
    {
        var found = new List<IReadOnlyList<string>>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found.Add(dialect.ReadStrings(reader, 0));
            }
        }

        return found;
    }
}
