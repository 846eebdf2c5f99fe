namespace CareBot.Web.Console;

/// <summary>One instance's viewers of one case, as it sends them to the others (JSON through the presence relay).</summary>
internal sealed record PresenceAnnouncement(string Instance, string CaseId, IReadOnlyList<CaseViewer> Viewers);
