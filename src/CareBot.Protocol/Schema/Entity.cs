using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareBot.Protocol.Schema;

/// <summary>Metadata about an activity (mention, clientInfo, ...): a <see cref="Type"/> plus free-form properties.</summary>
public sealed class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
