using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareBot.Protocol.Schema;

/// <summary>A span of text a suggestion activity refers to.</summary>
public sealed class TextHighlight
{
    public string? Text { get; set; }

    public int? Occurrence { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
