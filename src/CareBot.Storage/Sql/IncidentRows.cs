using System.Data.Common;
using System.Text.Json;
using CareBot.Care.Incidents;

namespace CareBot.Storage.Sql;

/// <summary>How incident and detector-window rows read back, shared by both engines.</summary>
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

    /// <summary>Runs a query whose rows are one JSON array of key words each (a cool-down's topic) and reads every row.</summary>
    public static async Task<List<IReadOnlyList<string>>> ReadTopicsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var found = new List<IReadOnlyList<string>>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found.Add(WordsFromJson(reader.GetString(0)));
            }
        }

        return found;
    }

    public static string WordsToJson(IReadOnlyList<string> words) => JsonSerializer.Serialize(words);

    private static string[] WordsFromJson(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];
}
