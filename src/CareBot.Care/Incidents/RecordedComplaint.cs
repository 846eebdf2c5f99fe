namespace CareBot.Care.Incidents;

/// <summary>A complaint as the observation store keeps it: its row id (to claim it for an incident) and the complaint.</summary>
public sealed record RecordedComplaint(long Id, ObservedComplaint Post);
