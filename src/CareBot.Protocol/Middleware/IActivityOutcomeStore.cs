namespace CareBot.Protocol.Middleware;

/// <summary>
/// Remembers which inbound activities were processed and what their turn answered, so that a channel's retry of the same
/// activity (same channel, conversation and activity id) is processed once and gets the same outcome.
/// An in-memory implementation serves one process; the storage project provides durable ones shared by many.
/// </summary>
/// <remarks>
/// Nothing is claimed before a turn: a durable bot stores the outcome in its turn's own commit (so a crashed turn left
/// nothing and its retry simply runs), and <see cref="CompleteAsync"/> records the answer of a turn that stored none.
/// </remarks>
public interface IActivityOutcomeStore
{
    /// <summary>The recorded outcome of a processed activity, or null when none is recorded.</summary>
    Task<StoredTurnOutcome?> FindAsync(ActivityKey key, CancellationToken cancellationToken);

    /// <summary>Records the outcome of a processed activity; later deliveries receive it.</summary>
    Task CompleteAsync(ActivityKey key, StoredTurnOutcome outcome, CancellationToken cancellationToken);
}
