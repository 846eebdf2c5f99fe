using System.Text.Json;
using CareBot.Protocol.Schema;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// What a client may say when it asks for a token or starts a conversation (TokenParameters): the user, and CareBot's
/// extension <c>{"carebot":{"public":true}}</c> marking the conversation public.
/// </summary>
internal sealed record DirectLineStartParameters(ChannelAccount? User, bool IsPublic)
{
    public static DirectLineStartParameters None { get; } = new(null, false);

    /// <summary>Reads the optional JSON body; null when it is not a JSON object.</summary>
    public static DirectLineStartParameters? Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return None;
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = ActivityJson.MaxDepth });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            ChannelAccount? user = null;
            if (root.TryGetProperty("user", out var userElement) && userElement.ValueKind == JsonValueKind.Object)
            {
                user = userElement.Deserialize<ChannelAccount>(ActivityJson.Options);
                if (string.IsNullOrEmpty(user?.Id))
                {
                    user = null;
                }
            }

            return new DirectLineStartParameters(user, IsPublicFlag(root));
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="element"/> carries <c>"carebot": { "public": true }</c>.</summary>
    public static bool IsPublicFlag(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty("carebot", out var carebot)
        && carebot.ValueKind == JsonValueKind.Object
        && carebot.TryGetProperty("public", out var flag)
        && flag.ValueKind == JsonValueKind.True;
}
