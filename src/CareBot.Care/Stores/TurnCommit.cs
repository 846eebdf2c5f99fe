using CareBot.Care.Cases;

namespace CareBot.Care.Stores;

/// <summary>What one turn stores; see <see cref="ITurnCommitStore.CommitAsync"/>.</summary>
/// <param name="State">The state documents, with the ETags read at the start of the turn.</param>
/// <param name="NewCases">Cases opened by the turn's hand-offs (numbers from <see cref="ICaseStore.NextNumberAsync"/>).</param>
/// <param name="Outbox">Messages to deliver after the commit.</param>
public sealed record TurnCommit(IReadOnlyCollection<StateWrite> State, IReadOnlyList<Case> NewCases, IReadOnlyList<NewOutboxMessage> Outbox)
{
    /// <summary>
    /// Existing cases the turn changed (a customer message recorded on the open case, a rating). A stale version throws
    /// <see cref="CaseConflictException"/> and stores nothing, like a stale state ETag.
    /// </summary>
    public IReadOnlyList<CaseUpdate> CaseUpdates { get; init; } = [];

    /// <summary>
    /// The activity the turn processed and its answer (the dedupe outcome row), stored first: when its key is stored
    /// already, <see cref="DuplicateActivityException"/> is thrown and nothing is stored. Null for a turn without an id.
    /// </summary>
    public ProcessedActivity? Processed { get; init; }
}
