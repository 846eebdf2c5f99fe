using Microsoft.Extensions.Logging;

namespace CareBot.Meta;

/// <summary>Source-generated log messages of the Meta channel (event ids 7000-7199). Tokens and secrets are never fields.</summary>
internal static partial class MetaLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Warning, Message = "Refused a Meta webhook delivery: {Reason}")]
    public static partial void WebhookRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Meta webhook delivery stored: {Events} event(s) of object {Object}")]
    public static partial void WebhookStored(ILogger logger, int events, string? @object);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Meta webhook subscription verified")]
    public static partial void Verified(ILogger logger);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Debug, Message = "Ignored a Meta event {EventId}: {Reason}")]
    public static partial void Ignored(ILogger logger, string eventId, string reason);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Private Reply to comment {CommentId} sent on {Platform}")]
    public static partial void PrivateReplySent(ILogger logger, string commentId, MetaPlatform platform);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Private Reply to comment {CommentId} was already attempted and its outcome is unknown; treated as sent so the customer never gets two")]
    public static partial void PrivateReplyOutcomeUnknown(ILogger logger, string commentId);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Meta refused the Private Reply to comment {CommentId} (code {Code}, subcode {Subcode}); the public thread gets the email route")]
    public static partial void PrivateReplyRefused(ILogger logger, string commentId, int? code, int? subcode);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "Comment {CommentId} is older than the Private Reply window ({Window}); the public thread gets the email route")]
    public static partial void PrivateReplyExpired(ILogger logger, string commentId, TimeSpan window);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "Meta rate-limited page {PageId} (code {Code}); its calls pause until {Until}")]
    public static partial void RateLimited(ILogger logger, string pageId, int? code, DateTimeOffset until);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Critical, Message = "Meta refused the access token of page {PageId} (code 190, subcode {Subcode}): renew the Page access token in Meta:Pages; its messages stay in the outbox and are retried")]
    public static partial void TokenRejected(ILogger logger, string pageId, int? subcode);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "Not sent to {ConversationId} on {Platform}: the customer's 24-hour messaging window is closed (or never opened); waiting for the customer to write")]
    public static partial void OutsideWindow(ILogger logger, string conversationId, MetaPlatform platform);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Messenger conversation of {ConversationId} linked to the public comment {CommentId}")]
    public static partial void Linked(ILogger logger, string conversationId, string commentId);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "A Meta event for account {AccountId} names no configured page; ignored (add it to Meta:Pages)")]
    public static partial void UnknownAccount(ILogger logger, string accountId);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Warning, Message = "A file the customer sent from {Host} was not copied ({Reason}); the case keeps Meta's link, which expires")]
    public static partial void FileNotKept(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 7014, Level = LogLevel.Information, Message = "Forgot {Count} Meta comments, Private Replies and contacts that can no longer be used")]
    public static partial void LedgerSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 7015, Level = LogLevel.Warning, Message = "Could not forget old Meta bookkeeping; trying again in an hour")]
    public static partial void LedgerSweepFailed(ILogger logger, Exception exception);
}
