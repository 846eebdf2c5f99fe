using System.Text.Json;
using CareBot.Care.Stores;
using CareBot.Protocol.Schema;

namespace CareBot.Meta.Delivery;

/// <summary>
/// What the Meta channel must remember beyond the dialog's state, kept as documents in the state store (shared by every
/// instance, durable): each comment's public thread and time (for the 7-day Private Reply limit), each Private Reply's
/// attempt (written BEFORE the call, so a crash or a lost answer never leads to a second one), and each customer's
/// private conversation with the time of their last message (the 24-hour window).
/// </summary>
public sealed class MetaLedger(IStateStore states)
{
    /// <summary>A comment's public thread and when it was written.</summary>
    public sealed record CommentRecord(ConversationReference Public, DateTimeOffset CreatedAt);

    /// <summary>A Private Reply: <c>sending</c> (attempted, outcome unknown until <c>sent</c>), <c>sent</c> or <c>refused</c>.</summary>
    public sealed record PrivateReplyRecord(string Status, string? RecipientId, DateTimeOffset At);

    /// <summary>A customer's private conversation (by their page-scoped id) and their last message's time.</summary>
    public sealed record ContactRecord(string ConversationId, string ServiceUrl, string? UserName, DateTimeOffset? LastCustomerMessageAt);

    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Refused = "refused";

    private const string CommentPrefix = "meta/comment/";
    private const string PrivateReplyPrefix = "meta/private-reply/";
    private const string ContactPrefix = "meta/contact/";

    public static string CommentKey(string commentId) => CommentPrefix + commentId;

    public static string PrivateReplyKey(string commentId) => PrivateReplyPrefix + commentId;

    public static string ContactKey(string accountId, string scopedUserId) => $"{ContactPrefix}{accountId}/{scopedUserId}";

    /// <summary>
    /// Forgets what can no longer be used: comments and their Private Replies once Meta's window for a Private Reply
    /// (<paramref name="privateReplyWindow"/>) has passed, with a day's margin for late deliveries and retries; and
    /// customers who have not written for <paramref name="contactRetention"/> (their 24-hour window closed long ago; a
    /// new message starts a new conversation). Returns how many documents went.
    /// </summary>
    public async Task<int> ForgetOldAsync(DateTimeOffset now, TimeSpan privateReplyWindow, TimeSpan contactRetention, CancellationToken cancellationToken)
    {
        var commentsBefore = now - privateReplyWindow - TimeSpan.FromDays(1);
        return await states.DeleteWrittenBeforeAsync(CommentPrefix, commentsBefore, cancellationToken).ConfigureAwait(false)
            + await states.DeleteWrittenBeforeAsync(PrivateReplyPrefix, commentsBefore, cancellationToken).ConfigureAwait(false)
            + await states.DeleteWrittenBeforeAsync(ContactPrefix, now - contactRetention, cancellationToken).ConfigureAwait(false);
    }

    public Task<CommentRecord?> CommentAsync(string commentId, CancellationToken cancellationToken) =>
        ReadAsync<CommentRecord>(CommentKey(commentId), cancellationToken);

    public Task SaveCommentAsync(string commentId, CommentRecord record, CancellationToken cancellationToken) =>
        WriteAsync(CommentKey(commentId), record, "*", cancellationToken);

    public Task<PrivateReplyRecord?> PrivateReplyAsync(string commentId, CancellationToken cancellationToken) =>
        ReadAsync<PrivateReplyRecord>(PrivateReplyKey(commentId), cancellationToken);

    /// <summary>Claims the comment's one Private Reply: false when it was already claimed (by anyone, ever).</summary>
    public async Task<bool> TryClaimPrivateReplyAsync(string commentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(PrivateReplyKey(commentId), new PrivateReplyRecord(Sending, null, now), null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StateConflictException)
        {
            return false;
        }
    }

    public Task SavePrivateReplyAsync(string commentId, PrivateReplyRecord record, CancellationToken cancellationToken) =>
        WriteAsync(PrivateReplyKey(commentId), record, "*", cancellationToken);

    /// <summary>Gives the claim back: only when Meta certainly did not deliver it (rate limit, token), so a retry can't make two.</summary>
    public Task ReleasePrivateReplyAsync(string commentId, CancellationToken cancellationToken) =>
        states.DeleteAsync(PrivateReplyKey(commentId), "*", cancellationToken);

    public Task<ContactRecord?> ContactAsync(string accountId, string scopedUserId, CancellationToken cancellationToken) =>
        ReadAsync<ContactRecord>(ContactKey(accountId, scopedUserId), cancellationToken);

    public Task SaveContactAsync(string accountId, string scopedUserId, ContactRecord record, CancellationToken cancellationToken) =>
        WriteAsync(ContactKey(accountId, scopedUserId), record, "*", cancellationToken);

    private async Task<T?> ReadAsync<T>(string key, CancellationToken cancellationToken)
        where T : class =>
        (await states.ReadAsync([key], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(key) is { } record
            ? JsonSerializer.Deserialize<T>(record.Utf8Json.Span, MetaJson.Options)
            : null;

    private async Task WriteAsync<T>(string key, T value, string? etag, CancellationToken cancellationToken) =>
        await states.WriteAsync([new StateWrite(key, JsonSerializer.SerializeToUtf8Bytes(value, MetaJson.Options), etag)], cancellationToken).ConfigureAwait(false);
}
