namespace CareBot.Care.Incidents;

/// <summary>An update an agent wrote once for every attached customer.</summary>
public sealed record IncidentUpdate(int Number, string Text, string By, DateTimeOffset At);
