using CareBot.Care.Cases;

namespace CareBot.Care.Stores;

/// <summary>A filter for <see cref="ICaseStore.ListAsync"/>; null matches everything.</summary>
public sealed record CaseQuery(CaseStatus? Status = null, string? Queue = null, int Limit = 100);
