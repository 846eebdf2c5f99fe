using System.Text;

namespace CareBot.Care.Stores;

/// <summary>A stored state document and the ETag that a later write must present.</summary>
/// <remarks>
/// The document is kept as the UTF-8 bytes the database holds, so a turn deserializes it without a UTF-16 copy
/// (a 3 KB document is a 6 KB string); <see cref="Json"/> decodes it for callers that want text.
/// </remarks>
/// <param name="Key">The state key.</param>
/// <param name="Utf8Json">The JSON document as UTF-8.</param>
/// <param name="ETag">The ETag a later write must present.</param>
public sealed record StateRecord(string Key, ReadOnlyMemory<byte> Utf8Json, string ETag)
{
    public StateRecord(string key, string json, string etag)
        : this(key, Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))), etag)
    {
    }

    /// <summary>The JSON document as text (decoded on every call).</summary>
    public string Json => Encoding.UTF8.GetString(Utf8Json.Span);

    // Equal documents are equal records: the bytes are compared, not which buffer holds them.
    public bool Equals(StateRecord? other) =>
        other is not null
        && string.Equals(Key, other.Key, StringComparison.Ordinal)
        && string.Equals(ETag, other.ETag, StringComparison.Ordinal)
        && Utf8Json.Span.SequenceEqual(other.Utf8Json.Span);

    public override int GetHashCode() => HashCode.Combine(Key, ETag, Utf8Json.Length);

    // Printed with the document as text (a test's failure message shows what differs).
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Key = ").Append(Key).Append(", Json = ").Append(Json).Append(", ETag = ").Append(ETag);
        return true;
    }
}
