using CareBot.Care.Cases;

namespace CareBot.Care.Stores;

/// <summary>A stored case and its version, which <see cref="ICaseStore.UpdateAsync"/> must present.</summary>
public sealed record CaseRecord(Case Case, long Version);
