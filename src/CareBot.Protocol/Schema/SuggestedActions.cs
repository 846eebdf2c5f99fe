using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareBot.Protocol.Schema;

/// <summary>Quick-reply buttons shown with a message.</summary>
public sealed class SuggestedActions
{
    public IList<string>? To { get; set; }

    public IList<CardAction>? Actions { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
