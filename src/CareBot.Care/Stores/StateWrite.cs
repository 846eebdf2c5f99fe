namespace CareBot.Care.Stores;

/// <summary>One document to write; see <see cref="IStateStore.WriteAsync"/> for the ETag rules.</summary>
public sealed record StateWrite(string Key, string Json, string? ExpectedETag);
