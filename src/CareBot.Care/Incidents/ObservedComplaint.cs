namespace CareBot.Care.Incidents;

/// <summary>A public complaint as the detector sees it: its key words, whether it was negative, who posted it and where.</summary>
public sealed record ObservedComplaint(IReadOnlyList<string> Words, bool Negative, IncidentMember Member, string Text);
