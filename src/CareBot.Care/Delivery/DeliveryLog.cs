using CareBot.Care.Stores;
using Microsoft.Extensions.Logging;

namespace CareBot.Care.Delivery;

/// <summary>Source-generated log messages of outbox delivery (event ids 3300-3399).</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "Delivered outbox message {MessageId} ({Kind}, attempt {Attempt})")]
    public static partial void Delivered(ILogger logger, long messageId, OutboxKind kind, int attempt);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Kind}) failed on attempt {Attempt}; retrying at {NextAttemptAt}")]
    public static partial void RetryScheduled(ILogger logger, Exception exception, long messageId, OutboxKind kind, int attempt, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Error, Message = "Outbox message {MessageId} ({Kind}) is dead after {Attempt} attempts; an admin can see it in the dead letters")]
    public static partial void Dead(ILogger logger, Exception exception, long messageId, OutboxKind kind, int attempt);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Information, Message = "Moved a public conversation in {ChannelId} to a private one: {PublicConversationId} -> {PrivateConversationId}")]
    public static partial void MovedPrivate(ILogger logger, string? channelId, string? publicConversationId, string privateConversationId);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Warning, Message = "The channel {ChannelId} refused a private conversation (HTTP {StatusCode}, {ErrorCode}); answering with the email route")]
    public static partial void PrivateConversationRefused(ILogger logger, string? channelId, int? statusCode, string? errorCode);

}
