using CareBot.Care.Cases;

namespace CareBot.Care.Stores;

/// <summary>The outcome of a claim, the case as stored afterwards (null when not found) and the event to raise when claimed.</summary>
public sealed record CaseClaimResult(CaseClaimOutcome Outcome, CaseRecord? Case, CaseEvent? Event);
