using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareBot.Protocol.Schema;

/// <summary>A reaction (like, plusOne, ...) added to or removed from a message.</summary>
public sealed class MessageReaction
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
