using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareBot.Protocol.Schema;

/// <summary>The channel's answer to create-conversation.</summary>
public sealed class ConversationResourceResponse
{
    public string? Id { get; set; }

    public string? ServiceUrl { get; set; }

    public string? ActivityId { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
