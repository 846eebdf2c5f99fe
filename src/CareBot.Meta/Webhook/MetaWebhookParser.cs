using System.Text.Json;
using CareBot.Care.Bot;
using CareBot.Meta.Inbound;

namespace CareBot.Meta.Webhook;

/// <summary>
/// Reads a webhook delivery (Meta's documented shapes) into the events worth a care turn: Page <c>feed</c> changes
/// (a comment or a visitor post being added), Instagram <c>comments</c>, and <c>messaging</c> events (messages and
/// postbacks). Edits, removals, reactions, echoes of the Page's own messages and anything the Page or Instagram account
/// itself wrote are left out: the bot answers people, never itself. Throws <see cref="JsonException"/> when the body is
/// not a webhook delivery at all.
/// </summary>
public static class MetaWebhookParser
{
    public static IReadOnlyList<MetaInboundEvent> Parse(ReadOnlySpan<byte> body, out string? objectType)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("A webhook delivery is an object with an 'entry' array.");
        }

        objectType = String(root, "object");
        var platform = objectType switch { "page" => MetaPlatform.Facebook, "instagram" => MetaPlatform.Instagram, _ => (MetaPlatform?)null };
        var events = new List<MetaInboundEvent>();
        if (platform is null)
        {
            return events; // another object (e.g. "user", "permissions"): nothing for care
        }

        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || String(entry, "id") is not { } accountId)
            {
                continue;
            }

            if (entry.TryGetProperty("changes", out var changes) && changes.ValueKind == JsonValueKind.Array)
            {
                foreach (var change in changes.EnumerateArray())
                {
                    if (Change(platform.Value, accountId, change) is { } comment)
                    {
                        events.Add(comment);
                    }
                }
            }

            if (entry.TryGetProperty("messaging", out var messaging) && messaging.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in messaging.EnumerateArray())
                {
                    if (Message(platform.Value, accountId, item) is { } message)
                    {
                        events.Add(message);
                    }
                }
            }
        }

        return events;
    }

    private static MetaInboundEvent? Change(MetaPlatform platform, string accountId, JsonElement change)
    {
        if (change.ValueKind != JsonValueKind.Object || !change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var field = String(change, "field");
        var from = value.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
        var fromId = from.ValueKind == JsonValueKind.Object ? String(from, "id") : null;
        if (fromId is null || fromId == accountId)
        {
            return null; // the Page's (or account's) own comment, e.g. the bot's public answer
        }

        if (platform == MetaPlatform.Facebook && field == "feed")
        {
            // {"item":"comment"|"post","verb":"add"|"edited"|"remove","comment_id","post_id","parent_id","message","created_time"}
            var item = String(value, "item");
            if (String(value, "verb") != "add" || item is not ("comment" or "post") || String(value, "message") is not { Length: > 0 } text)
            {
                return null;
            }

            var postId = String(value, "post_id");
            var id = item == "comment" ? String(value, "comment_id") : postId;
            if (id is null)
            {
                return null;
            }

            // Facebook nests one level: a reply's parent is the top-level comment; a top-level comment's parent is the post.
            var parent = String(value, "parent_id");
            var thread = item == "comment" && parent is not null && parent != postId ? parent : id;
            return new MetaInboundEvent(MetaEventKind.Comment, platform, accountId, id, thread, fromId, String(from, "name"), text, Time(value, "created_time"));
        }

        if (platform == MetaPlatform.Instagram && field == "comments")
        {
            // {"from":{"id","username"},"media":{"id"},"id","parent_id","text"}
            if (String(value, "id") is not { } id || String(value, "text") is not { Length: > 0 } text)
            {
                return null;
            }

            return new MetaInboundEvent(MetaEventKind.Comment, platform, accountId, id, String(value, "parent_id") ?? id, fromId, String(from, "username"), text, Time(value, "created_time"));
        }

        return null;
    }

    private static MetaInboundEvent? Message(MetaPlatform platform, string accountId, JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("sender", out var sender) || sender.ValueKind != JsonValueKind.Object
            || String(sender, "id") is not { } senderId || senderId == accountId)
        {
            return null;
        }

        var at = item.TryGetProperty("timestamp", out var ts) && ts.TryGetInt64(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.UnixEpoch;
        if (item.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
        {
            var echo = message.TryGetProperty("is_echo", out var e) && e.ValueKind == JsonValueKind.True;
            var text = String(message, "text") ?? string.Empty;
            var attachments = Attachments(message).ToList();
            var note = AttachmentNote.Describe(attachments);
            return echo || String(message, "mid") is not { } mid || (text.Length == 0 && note is null)
                ? null
                : new MetaInboundEvent(MetaEventKind.Message, platform, accountId, mid, null, senderId, null, text, at)
                {
                    AttachmentNote = note,
                    Attachments = note is null ? null : attachments,
                };
        }

        if (item.TryGetProperty("postback", out var postback) && postback.ValueKind == JsonValueKind.Object
            && String(postback, "mid") is { } postbackMid && String(postback, "title") is { Length: > 0 } title)
        {
            return new MetaInboundEvent(MetaEventKind.Message, platform, accountId, postbackMid, null, senderId, null, title, at);
        }

        return null;
    }

    /// <summary>
    /// A message's photos, videos and files: <c>{"type":"image","payload":{"url":…}}</c>. A sticker (Messenger's thumbs-up
    /// is one) is not a file the team needs, and stays unanswered as before.
    /// </summary>
    private static IEnumerable<SentAttachment> Attachments(JsonElement message)
    {
        if (!message.TryGetProperty("attachments", out var attachments) || attachments.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var attachment in attachments.EnumerateArray())
        {
            if (attachment.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var payload = attachment.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            if (payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("sticker_id", out _))
            {
                continue;
            }

            yield return new SentAttachment(
                String(attachment, "type"),
                null,
                payload.ValueKind == JsonValueKind.Object ? String(payload, "url") : null);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    /// <summary>Feed changes give unix seconds; Instagram sometimes an ISO time or nothing (then: unknown, the epoch).</summary>
    private static DateTimeOffset Time(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return DateTimeOffset.UnixEpoch;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : DateTimeOffset.UnixEpoch;
    }
}
