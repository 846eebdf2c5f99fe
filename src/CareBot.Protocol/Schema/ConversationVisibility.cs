using System.Text.Json;

namespace CareBot.Protocol.Schema;

/// <summary>
/// Decides whether a conversation is public (everyone can read the bot's answer) or a private 1:1. Public is what the
/// channel says: a group conversation, a Teams channel or group chat, or channel data marking a post or comment.
/// </summary>
public static class ConversationVisibility
{
    private static readonly string[] PublicConversationTypes = ["channel", "groupChat", "post", "comment"];

    public static bool IsPublic(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Conversation is { } conversation)
        {
            if (conversation.IsGroup == true)
            {
                return true;
            }

            if (conversation.ConversationType is { } type
                && PublicConversationTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        // Channels without conversation flags (a local test channel, a social-media connector) may say so in channel data:
        // {"carebot": {"public": true}}.
        return activity.ChannelData is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("carebot", out var carebot)
            && carebot.ValueKind == JsonValueKind.Object
            && carebot.TryGetProperty("public", out var isPublic)
            && isPublic.ValueKind == JsonValueKind.True;
    }
}
