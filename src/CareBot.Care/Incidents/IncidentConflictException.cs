namespace CareBot.Care.Incidents;

/// <summary>Someone else changed the incident since it was read; read it again and redo the change.</summary>
public sealed class IncidentConflictException(string incidentId, long expectedVersion)
    : Exception($"Incident {incidentId} is no longer at version {expectedVersion}: it changed meanwhile; read it again.")
{
    public string IncidentId { get; } = incidentId;

    public long ExpectedVersion { get; } = expectedVersion;
}
