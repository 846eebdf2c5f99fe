using System.Text.Json.Serialization;

namespace CareBot.Care.Incidents;

/// <summary>Whether an incident still gathers matching complaints.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentStatus>))]
public enum IncidentStatus
{
    Open,
    Resolved,
}
