using System.Text.Json;

namespace CareBot.Testing.Meta;

/// <summary>One call the Graph API stand-in received.</summary>
/// <param name="Path">The path after the version, e.g. <c>123_456/comments</c> or <c>111/messages</c>.</param>
/// <param name="AccessToken">The bearer token it carried.</param>
/// <param name="Body">Its JSON body.</param>
/// <param name="Answered">Whether the stand-in answered it with success.</param>
public sealed record GraphCall(string Path, string? AccessToken, JsonElement Body, bool Answered)
{
    /// <summary>The text it would show the customer (<c>message</c> of a comment, <c>message.text</c> of a message).</summary>
    public string? Text =>
        Body.TryGetProperty("message", out var message)
            ? message.ValueKind == JsonValueKind.String ? message.GetString() : message.TryGetProperty("text", out var text) ? text.GetString() : null
            : null;

    /// <summary>The comment a Private Reply answers, if this is one.</summary>
    public string? PrivateReplyTo =>
        Body.TryGetProperty("recipient", out var recipient) && recipient.TryGetProperty("comment_id", out var comment) ? comment.GetString() : null;

    /// <summary>The page-scoped id a Send API message goes to, if this is one.</summary>
    public string? RecipientId =>
        Body.TryGetProperty("recipient", out var recipient) && recipient.TryGetProperty("id", out var id) ? id.GetString() : null;
}
