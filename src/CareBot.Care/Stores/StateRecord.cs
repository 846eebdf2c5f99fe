namespace CareBot.Care.Stores;

/// <summary>A stored state document and the ETag that a later write must present.</summary>
/// <param name="Key">The state key.</param>
/// <param name="Utf8Json">The JSON document, as the UTF-8 bytes the database holds.</param>
/// <param name="ETag">The ETag a later write must present.</param>
public sealed record StateRecord(string Key, Utf8Json Utf8Json, string ETag)
{
    public StateRecord(string key, string json, string etag)
        : this(key, Utf8Json.FromText(json), etag)
    {
    }
}
