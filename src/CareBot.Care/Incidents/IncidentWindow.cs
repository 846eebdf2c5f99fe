namespace CareBot.Care.Incidents;

/// <summary>What the detector sees when a complaint arrives: the similar recent complaints and the topics cooling down.</summary>
/// <param name="Similar">Stored complaints sharing at least one key word with the new one (itself included), newest first.</param>
/// <param name="CoolingTopics">The key words of topics on which no new incident may open yet.</param>
public sealed record IncidentWindow(IReadOnlyList<RecordedComplaint> Similar, IReadOnlyList<IReadOnlyList<string>> CoolingTopics);
