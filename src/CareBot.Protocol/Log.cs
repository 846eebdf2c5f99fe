using CareBot.Protocol.Auth;
using Microsoft.Extensions.Logging;

namespace CareBot.Protocol;

/// <summary>
/// The source-generated log messages of the protocol's turn pipeline and endpoint. Event ids: 1000-1099 turns and
/// dedupe, 1200-1299 transcripts, 1500-1599 the HTTP endpoint (1100-1199 belong to channel authentication, 1300-1399 to the Connector client, 1400-1499 to Direct Line).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Turn started: {ActivityType} {ActivityId} on {ChannelId}, delivery mode {DeliveryMode}")]
    public static partial void TurnStarted(ILogger logger, string? activityType, string? activityId, string? channelId, string? deliveryMode);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Turn finished: {ActivityType} {ActivityId} answered {StatusCode}")]
    public static partial void TurnFinished(ILogger logger, string? activityType, string? activityId, int statusCode);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "The bot failed on {ActivityType} {ActivityId} on {ChannelId}; answering 500")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string? activityType, string? activityId, string? channelId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "The bot produced no invoke response for invoke {InvokeName}; answering 501")]
    public static partial void InvokeNotImplemented(ILogger logger, string? invokeName);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Sent {ActivityType} to conversation {ConversationId} (reply to {ReplyToId}): id {ResourceId}")]
    public static partial void ActivitySent(ILogger logger, string? activityType, string? conversationId, string? replyToId, string? resourceId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Dropped a trace activity: traces are only sent to the Emulator")]
    public static partial void TraceDropped(ILogger logger);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Duplicate delivery of activity {ActivityId} in conversation {ConversationId} on {ChannelId}: answering the stored outcome {StatusCode}")]
    public static partial void DuplicateAnswered(ILogger logger, string activityId, string conversationId, string channelId, int statusCode);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Activity {ActivityId} in conversation {ConversationId} on {ChannelId} is being processed by another delivery; waiting up to {WaitTimeout}")]
    public static partial void DuplicateWaiting(ILogger logger, string activityId, string conversationId, string channelId, TimeSpan waitTimeout);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Activity {ActivityId} in conversation {ConversationId} on {ChannelId} was still in progress after {WaitTimeout}; answering 409")]
    public static partial void DuplicateStillInProgress(ILogger logger, string activityId, string conversationId, string channelId, TimeSpan waitTimeout);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Debug, Message = "Activity without an id on {ChannelId}: not deduplicated")]
    public static partial void NotDeduplicated(ILogger logger, string? channelId);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Could not release the claim on activity {ActivityId} in conversation {ConversationId} on {ChannelId}; it is released when the activity is delivered again")]
    public static partial void ClaimNotReleased(ILogger logger, Exception exception, string activityId, string conversationId, string channelId);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Warning, Message = "Could not record the outcome of activity {ActivityId} in conversation {ConversationId} on {ChannelId}; the turn itself was saved")]
    public static partial void OutcomeNotRecorded(ILogger logger, Exception exception, string activityId, string conversationId, string channelId);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Warning, Message = "The storage is unavailable ({ExceptionType}) for {ActivityType} {ActivityId} on {ChannelId}; answering 503, retry after {RetryAfter}")]
    public static partial void StorageUnavailable(ILogger logger, Exception exception, string exceptionType, string? activityType, string? activityId, string? channelId, TimeSpan retryAfter);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Could not record the transcript of activity {ActivityId} in conversation {ConversationId}; the turn itself succeeded")]
    public static partial void TranscriptAppendFailed(ILogger logger, Exception exception, string? activityId, string? conversationId);

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Refused an activity with HTTP {StatusCode} ({ErrorCode}): {Detail}")]
    public static partial void RequestRefused(ILogger logger, int statusCode, string errorCode, string detail);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Channel authentication failed ({Reason}) for channel {ChannelId}: {Detail}")]
    public static partial void AuthenticationFailed(ILogger logger, ChannelAuthenticationFailure reason, string? channelId, string detail);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Debug, Message = "The client disconnected before the activity was answered")]
    public static partial void ClientDisconnected(ILogger logger);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Error, Message = "Unexpected failure while handling POST of an activity; answering 500")]
    public static partial void EndpointFailed(ILogger logger, Exception exception);
}
