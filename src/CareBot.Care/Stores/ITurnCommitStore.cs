namespace CareBot.Care.Stores;

/// <summary>
/// Saves everything a turn decided in ONE transaction: the processed activity's outcome (dedupe), its state documents, the cases its hand-offs opened and the
/// outbox messages (emails, proactive activities) it wants sent. Either all of it is stored or none of it, so a crash
/// mid-turn or a redelivered activity can neither lose a case nor send an email for a turn that did not happen.
/// </summary>
public interface ITurnCommitStore
{
    /// <summary>
    /// Commits the turn. State follows <see cref="IStateStore.WriteAsync"/>'s ETag rules: a stale ETag throws
    /// <see cref="StateConflictException"/> and stores nothing (no state, no case, no outbox row). A case whose
    /// <see cref="Cases.Case.CreationKey"/> is already stored is not stored again: the result names the existing case
    /// (<see cref="CommittedCase.Created"/> false) and the rest of the turn commits. An outbox message whose idempotency
    /// key is already stored is skipped the same way. A <see cref="TurnCommit.CaseUpdates"/> entry whose version is stale throws
    /// <see cref="CaseConflictException"/> and stores nothing. A <see cref="TurnCommit.Processed"/> activity whose outcome
    /// is stored already throws <see cref="DuplicateActivityException"/> (carrying that outcome) and stores nothing.
    /// </summary>
    Task<TurnCommitResult> CommitAsync(TurnCommit commit, CancellationToken cancellationToken);
}
