using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareBot.Protocol.Schema;

/// <summary>A programmatic action (skills); passed through.</summary>
public sealed class SemanticAction
{
    public string? Id { get; set; }

    public string? State { get; set; }

    public JsonElement? Entities { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
