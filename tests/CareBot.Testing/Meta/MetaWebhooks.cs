using System.Text.Json;

namespace CareBot.Testing.Meta;

/// <summary>
/// Webhook deliveries in the shapes Meta documents (Page <c>feed</c>, Instagram <c>comments</c>, Messenger and Instagram
/// <c>messaging</c>), for tests to sign and POST. Times are unix seconds (feed) or milliseconds (messaging), as Meta sends.
/// </summary>
public static class MetaWebhooks
{
    /// <summary>A Page feed change: a comment added (or edited/removed) under a Page post.</summary>
    public static string FeedComment(string pageId, string commentId, string fromId, string fromName, string message, DateTimeOffset createdAt, string? parentId = null, string verb = "add")
    {
        var postId = $"{pageId}_9001";
        return Page("page", pageId, createdAt, changes: [new
        {
            field = "feed",
            value = new
            {
                from = new { id = fromId, name = fromName },
                post = new { status_type = "added_photos", is_published = true, updated_time = createdAt.ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture), permalink_url = $"https://www.facebook.com/{postId}", promotion_status = "inactive", id = postId },
                message,
                post_id = postId,
                comment_id = commentId,
                created_time = createdAt.ToUnixTimeSeconds(),
                item = "comment",
                parent_id = parentId ?? postId,
                verb,
            },
        }]);
    }

    /// <summary>An Instagram comment on the account's media.</summary>
    public static string InstagramComment(string instagramAccountId, string commentId, string fromId, string username, string text, DateTimeOffset at) =>
        Page("instagram", instagramAccountId, at, changes: [new
        {
            field = "comments",
            value = new
            {
                from = new { id = fromId, username },
                media = new { id = "17887498072083520", media_product_type = "FEED" },
                id = commentId,
                text,
            },
        }]);

    /// <summary>A Messenger (<c>page</c>) or Instagram Direct (<c>instagram</c>) message from a customer.</summary>
    public static string Message(string objectType, string accountId, string senderId, string mid, string text, DateTimeOffset at, bool isEcho = false) =>
        Page(objectType, accountId, at, messaging: [new
        {
            sender = new { id = isEcho ? accountId : senderId },
            recipient = new { id = isEcho ? senderId : accountId },
            timestamp = at.ToUnixTimeMilliseconds(),
            message = isEcho ? (object)new { mid, text, is_echo = true, app_id = 1517776481860111 } : new { mid, text },
        }]);

    /// <summary>A Messenger or Instagram message with attachments (<c>{"type":"image","payload":{"url":…}}</c>) and maybe no text.</summary>
    public static string MessageWithAttachments(string objectType, string accountId, string senderId, string mid, string? text, DateTimeOffset at, params object[] attachments) =>
        Page(objectType, accountId, at, messaging: [new
        {
            sender = new { id = senderId },
            recipient = new { id = accountId },
            timestamp = at.ToUnixTimeMilliseconds(),
            message = text is null ? (object)new { mid, attachments } : new { mid, text, attachments },
        }]);

    private static string Page(string objectType, string accountId, DateTimeOffset at, object[]? changes = null, object[]? messaging = null) =>
        JsonSerializer.Serialize(new
        {
            @object = objectType,
            entry = new[]
            {
                changes is not null
                    ? (object)new { id = accountId, time = at.ToUnixTimeSeconds(), changes }
                    : new { id = accountId, time = at.ToUnixTimeMilliseconds(), messaging },
            },
        });
}
