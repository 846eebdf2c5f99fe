using CareBot.Care.Cases;

namespace CareBot.Care.Stores;

/// <summary>
/// Reads cases the way lists and consoles show them: summaries for a queue, and a case's transcript a page at a time.
/// The agent API and the agent console both read through it, so neither hands a whole transcript to a client at once.
/// </summary>
public sealed class CaseReader(ICaseStore store)
{
    /// <summary>The most messages one page carries.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The summaries of the cases matching the query, most urgent first (as <see cref="ICaseStore.ListAsync"/>).</summary>
    public async Task<IReadOnlyList<CaseSummary>> ListAsync(CaseQuery query, CancellationToken cancellationToken)
    {
        var records = await store.ListAsync(query, cancellationToken).ConfigureAwait(false);
        return [.. records.Select(r => CaseSummary.Of(r.Case))];
    }

    /// <summary>
    /// Up to <paramref name="limit"/> messages of a case after position <paramref name="after"/> (0 = from the start);
    /// null when there is no such case.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="after"/> is negative or <paramref name="limit"/> is not 1 to <see cref="MaxPageSize"/>.</exception>
    public async Task<CaseMessagePage?> GetMessagesAsync(string caseId, int after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        if (!Case.TryParseId(caseId, out _) || await store.GetAsync(caseId, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return null;
        }

        var transcript = record.Case.Transcript;
        var start = Math.Min(after, transcript.Count);
        var end = Math.Min(start + limit, transcript.Count);
        return new CaseMessagePage(caseId, [.. transcript.Skip(start).Take(end - start)], start, end < transcript.Count ? end : null, transcript.Count);
    }
}
