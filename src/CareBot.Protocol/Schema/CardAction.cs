using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareBot.Protocol.Schema;

/// <summary>A clickable action: imBack, postBack, messageBack, openUrl, ...</summary>
public sealed class CardAction
{
    public CardAction()
    {
    }

    public CardAction(string type, string title, string? value = null)
    {
        Type = type;
        Title = title;
        Value = value is null ? null : JsonSerializer.SerializeToElement(value, ActivityJson.Options);
    }

    public string? Type { get; set; }

    public string? Title { get; set; }

    public string? Image { get; set; }

    public string? ImageAltText { get; set; }

    public string? Text { get; set; }

    public string? DisplayText { get; set; }

    public JsonElement? Value { get; set; }

    public JsonElement? ChannelData { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
