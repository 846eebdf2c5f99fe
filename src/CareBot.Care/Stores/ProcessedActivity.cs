using CareBot.Protocol.Middleware;

namespace CareBot.Care.Stores;

/// <summary>
/// The activity a turn processed and what it answered: stored in the turn's commit as the activity's outcome row, whose
/// key is unique, so a redelivery (or a concurrent delivery) of the same activity is answered, not run again.
/// </summary>
/// <param name="Key">The activity (for an outbox turn: the outbox message it came from, <c>outbox:…</c>).</param>
/// <param name="Outcome">The HTTP answer a redelivery gets.</param>
public sealed record ProcessedActivity(ActivityKey Key, StoredTurnOutcome Outcome);
