using CareBot.Care.Cases;

namespace CareBot.Care.Stores;

/// <summary>A changed case to store in a turn's commit, if it is still at <paramref name="ExpectedVersion"/>.</summary>
public sealed record CaseUpdate(Case Case, long ExpectedVersion);
