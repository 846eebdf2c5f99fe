using CareBot.Care.Bot;

namespace CareBot.Meta.Inbound;

/// <summary>
/// One webhook event worth a care turn, as stored in the outbox row that carries it to the background worker.
/// </summary>
/// <param name="Kind">Comment or message.</param>
/// <param name="Platform">Facebook or Instagram.</param>
/// <param name="AccountId">The Page or Instagram account the event was for (the webhook entry's id).</param>
/// <param name="Id">The comment or post id, or the message's <c>mid</c>: unique, the de-duplication key.</param>
/// <param name="ThreadId">The public thread (top-level comment or visitor post) a comment belongs to; null for messages.</param>
/// <param name="FromId">Who wrote it (for a message: their page-scoped id).</param>
/// <param name="FromName">Their name or Instagram username, when the webhook gives one.</param>
/// <param name="Text">What they wrote (empty when they only sent a photo or a file).</param>
/// <param name="CreatedAt">When they wrote it (Meta's time).</param>
public sealed record MetaInboundEvent(
    MetaEventKind Kind,
    MetaPlatform Platform,
    string AccountId,
    string Id,
    string? ThreadId,
    string FromId,
    string? FromName,
    string Text,
    DateTimeOffset CreatedAt)
{
    /// <summary>What they sent besides text ("[photo https://…]"; <see cref="CareBot.Care.Bot.AttachmentNote"/>), or null.</summary>
    public string? AttachmentNote { get; init; }

    /// <summary>The photos and files behind <see cref="AttachmentNote"/>, with Meta's (expiring) links; null for comments.</summary>
    public IReadOnlyList<SentAttachment>? Attachments { get; init; }

    /// <summary>
    /// Where the webhook was called (<c>https://bot.contoso.com</c>): the origin of the links to files CareBot keeps a
    /// copy of, as the chat page's links use the origin the page called.
    /// </summary>
    public string? Origin { get; init; }

    /// <summary>The outbox idempotency key: the same comment or message is stored (and so processed) once.</summary>
    public string DedupeKey => $"{MetaEventKeys.Prefix}{(Platform == MetaPlatform.Facebook ? "facebook" : "instagram")}/{(Kind == MetaEventKind.Comment ? "comment" : "mid")}/{Id}";
}
