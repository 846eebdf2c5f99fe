namespace CareBot.Care.Stores;

/// <summary>The outcome of a turn commit: the new state records (with their ETags) and one entry per case in the commit.</summary>
public sealed record TurnCommitResult(IReadOnlyList<StateRecord> State, IReadOnlyList<CommittedCase> Cases);
