namespace CareBot.Care.Stores;

/// <summary>
/// Conversation and user state as JSON documents with ETag optimistic concurrency. A turn reads all its keys in one call
/// and writes them in one call (one round trip each).
/// </summary>
public interface IStateStore
{
    /// <summary>Reads the given keys; a key that has never been written is absent from the result.</summary>
    Task<IReadOnlyDictionary<string, StateRecord>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Writes all documents atomically. Each write's <see cref="StateWrite.ExpectedETag"/> must match the stored ETag
    /// (null: the key must not exist yet; <c>"*"</c>: any). Throws <see cref="StateConflictException"/> and writes
    /// nothing when one does not. Returns the new records with their new ETags.
    /// </summary>
    Task<IReadOnlyList<StateRecord>> WriteAsync(IReadOnlyCollection<StateWrite> writes, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every document whose key starts with <paramref name="keyPrefix"/> and that was last written before
    /// <paramref name="before"/> (bookkeeping that has served its purpose); returns how many. Safe to run on several
    /// instances at once.
    /// </summary>
    Task<int> DeleteWrittenBeforeAsync(string keyPrefix, DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Deletes a key if its ETag matches (null or <c>"*"</c>: unconditionally). Deleting a missing key is not an error.</summary>
    Task DeleteAsync(string key, string? expectedETag, CancellationToken cancellationToken);
}
