using CareBot.Care.Cases;

namespace CareBot.Care.Stores;

/// <summary>
/// Cases after they were created by a turn commit. Every change is a read-modify-write guarded by the case's version;
/// the case's own methods decide whether the move is legal.
/// </summary>
public interface ICaseStore
{
    /// <summary>Allocates the next case number (unique across instances; a number never comes back, gaps are possible).</summary>
    Task<long> NextNumberAsync(CancellationToken cancellationToken);

    /// <summary>The case with this id (<c>C-1042</c>), or null.</summary>
    Task<CaseRecord?> GetAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>Cases matching the query, most urgent first: priority descending, then SLA due time, then number.</summary>
    Task<IReadOnlyList<CaseRecord>> ListAsync(CaseQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// One page of case summaries matching the query, most urgent first (priority descending, then SLA due time, then
    /// number), read from the summary columns and indexes without loading the cases' documents.
    /// </summary>
    Task<CaseSummaryPage> ListSummariesAsync(CaseListQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The open cases (queued, assigned, waiting on the customer) counted per queue, status and assignee, from the
    /// indexed columns without reading a case's document or summary: what the supervisor board's totals show.
    /// </summary>
    Task<IReadOnlyList<OpenCaseCount>> CountOpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores a changed case if its version is still <paramref name="expectedVersion"/>, together with the outbox
    /// messages the change sends (an agent's reply, the satisfaction question), in one transaction; returns the new
    /// version. Throws <see cref="CaseConflictException"/> and stores nothing when someone else changed (or nobody
    /// stored) the case.
    /// </summary>
    Task<long> UpdateAsync(Case value, long expectedVersion, IReadOnlyList<NewOutboxMessage> outbox, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a queued case for an agent atomically: of two agents racing, exactly one gets
    /// <see cref="CaseClaimOutcome.Claimed"/>, the other <see cref="CaseClaimOutcome.NotClaimable"/>.
    /// </summary>
    Task<CaseClaimResult> TryClaimAsync(string caseId, string agent, CancellationToken cancellationToken);

    /// <summary>Adds an internal note atomically (no lost update beside a concurrent claim); null when there is no such case.</summary>
    Task<NotedCase?> AppendNoteAsync(string caseId, string author, string text, CancellationToken cancellationToken);

    /// <summary>
    /// Adds an internal note atomically together with the outbox messages <paramref name="outbox"/> makes from the case
    /// with the note (the mention e-mails), in one transaction: a note is never stored without its messages nor a message
    /// without its note. <paramref name="outbox"/> may run again on a retry and must have no side effects.
    /// </summary>
    Task<NotedCase?> AppendNoteAsync(
        string caseId, string author, string text, Func<Case, IReadOnlyList<NewOutboxMessage>> outbox, CancellationToken cancellationToken);
}
