using System.Data.Common;
using CareBot.Care.Incidents;

namespace CareBot.Storage.Sql;

/// <summary>How incident rows read back, shared by both engines.</summary>
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
}
