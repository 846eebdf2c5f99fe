using System.Text;

namespace CareBot.Care.Stores;

/// <summary>One document to write; see <see cref="IStateStore.WriteAsync"/> for the ETag rules.</summary>
/// <remarks>The document travels as UTF-8 (what the database stores), so a turn's write makes no UTF-16 copy.</remarks>
/// <param name="Key">The state key.</param>
/// <param name="Utf8Json">The JSON document as UTF-8.</param>
/// <param name="ExpectedETag">The stored ETag this write replaces (null: new key; <c>"*"</c>: any).</param>
public sealed record StateWrite(string Key, ReadOnlyMemory<byte> Utf8Json, string? ExpectedETag)
{
    public StateWrite(string key, string json, string? expectedETag)
        : this(key, Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))), expectedETag)
    {
    }

    /// <summary>The JSON document as text (decoded on every call).</summary>
    public string Json => Encoding.UTF8.GetString(Utf8Json.Span);

    // Equal documents are equal records: the bytes are compared, not which buffer holds them.
    public bool Equals(StateWrite? other) =>
        other is not null
        && string.Equals(Key, other.Key, StringComparison.Ordinal)
        && string.Equals(ExpectedETag, other.ExpectedETag, StringComparison.Ordinal)
        && Utf8Json.Span.SequenceEqual(other.Utf8Json.Span);

    public override int GetHashCode() => HashCode.Combine(Key, ExpectedETag, Utf8Json.Length);

    // Printed with the document as text (a test's failure message shows what differs).
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Key = ").Append(Key).Append(", Json = ").Append(Json).Append(", ExpectedETag = ").Append(ExpectedETag);
        return true;
    }
}
