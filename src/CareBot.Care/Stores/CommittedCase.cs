namespace CareBot.Care.Stores;

/// <summary>A case of a turn commit: the id it is stored under and whether this commit created it (false: a repeat of the same hand-off).</summary>
public sealed record CommittedCase(string CreationKey, string CaseId, bool Created);
