using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareBot.Protocol.Schema;

/// <summary>A card or file: either inline <see cref="Content"/> or a <see cref="ContentUrl"/>, never both.</summary>
public sealed class Attachment
{
    public string? ContentType { get; set; }

    public string? ContentUrl { get; set; }

    public JsonElement? Content { get; set; }

    public string? Name { get; set; }

    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
