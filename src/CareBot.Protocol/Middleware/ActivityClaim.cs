namespace CareBot.Protocol.Middleware;

/// <summary>The answer of <see cref="IActivityOutcomeStore.TryClaimAsync"/>; <see cref="Outcome"/> is set only when completed.</summary>
public sealed record ActivityClaim(ActivityClaimStatus Status, StoredTurnOutcome? Outcome);
