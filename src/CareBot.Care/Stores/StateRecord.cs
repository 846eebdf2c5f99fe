namespace CareBot.Care.Stores;

/// <summary>A stored state document and the ETag that a later write must present.</summary>
public sealed record StateRecord(string Key, string Json, string ETag);
