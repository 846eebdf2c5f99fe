using CareBot.Care.Cases;

namespace CareBot.Care.Stores;

/// <summary>One page of case summaries, most urgent first, and whether more cases match after it.</summary>
public sealed record CaseSummaryPage(IReadOnlyList<CaseSummary> Cases, bool HasMore);
