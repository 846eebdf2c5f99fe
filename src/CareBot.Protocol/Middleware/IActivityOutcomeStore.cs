namespace CareBot.Protocol.Middleware;

/// <summary>
/// Remembers which inbound activities were processed and what their turn answered, so that a channel's retry of the same
/// activity (same channel, conversation and activity id) is processed once and gets the same outcome.
/// An in-memory implementation serves one process; the storage project provides durable ones shared by many.
/// </summary>
/// <remarks>
/// A durable store records which <see cref="ServerInstance"/> owns each claim. A claim whose owner is gone (killed,
/// crashed: it no longer keeps its heartbeat, or its process no longer runs on this machine) is abandoned at once, so
/// the channel's retry of an activity that was in flight during a crash is processed straight away; only a live owner's
/// claim answers <see cref="ActivityClaimStatus.InProgress"/>, and then at most for the claim lifetime.
/// </remarks>
public interface IActivityOutcomeStore
{
    /// <summary>
    /// Tries to claim <paramref name="key"/> for processing. <see cref="ActivityClaimStatus.Claimed"/>: process the
    /// activity and then call <see cref="CompleteAsync"/> or <see cref="ReleaseAsync"/>. <see cref="ActivityClaimStatus.Completed"/>:
    /// it was processed before; the stored outcome is returned. <see cref="ActivityClaimStatus.InProgress"/>: another delivery
    /// holds an unexpired claim. A claim older than <paramref name="claimLifetime"/>, or whose owner is gone, counts as abandoned
    /// and is taken over.
    /// </summary>
    Task<ActivityClaim> TryClaimAsync(ActivityKey key, TimeSpan claimLifetime, CancellationToken cancellationToken);

    /// <summary>The recorded outcome of a processed activity, or null when none is recorded (an open claim counts as none).</summary>
    Task<StoredTurnOutcome?> FindAsync(ActivityKey key, CancellationToken cancellationToken);

    /// <summary>Records the outcome of a processed activity; later deliveries receive it.</summary>
    Task CompleteAsync(ActivityKey key, StoredTurnOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Gives up a claim after a failed turn so that the channel's retry processes the activity again.</summary>
    Task ReleaseAsync(ActivityKey key, CancellationToken cancellationToken);
}
