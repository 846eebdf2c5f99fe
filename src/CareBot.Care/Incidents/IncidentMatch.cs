namespace CareBot.Care.Incidents;

/// <summary>What incident mode made of a public complaint: the incident it belongs to and the known-issue reply to use.</summary>
/// <param name="KnownIssueReply">The admin's public reply for this incident, or null (the dialog's own acknowledgment then).</param>
/// <param name="Attached">Whether the complaint was attached to the incident instead of paging an agent on its own.</param>
public sealed record IncidentMatch(string IncidentId, string? KnownIssueReply, bool Attached);
