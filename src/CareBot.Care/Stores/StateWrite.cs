namespace CareBot.Care.Stores;

/// <summary>One document to write; see <see cref="IStateStore.WriteAsync"/> for the ETag rules.</summary>
/// <param name="Key">The state key.</param>
/// <param name="Utf8Json">The JSON document, as the UTF-8 bytes the database stores (a turn's write makes no UTF-16 copy).</param>
/// <param name="ExpectedETag">The stored ETag this write replaces (null: new key; <c>"*"</c>: any).</param>
public sealed record StateWrite(string Key, Utf8Json Utf8Json, string? ExpectedETag)
{
    public StateWrite(string key, string json, string? expectedETag)
        : this(key, Utf8Json.FromText(json), expectedETag)
    {
    }
}
