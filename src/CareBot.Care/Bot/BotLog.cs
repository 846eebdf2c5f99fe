using Microsoft.Extensions.Logging;

namespace CareBot.Care.Bot;

/// <summary>Source-generated log messages of the care bot (event ids 3100-3199).</summary>
internal static partial class BotLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Activity {ActivityId} in {ChannelId} was already processed; nothing to do")]
    public static partial void AlreadyProcessed(ILogger logger, string? activityId, string? channelId);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Conversation state {Key} changed concurrently (attempt {Attempt}); rerunning the turn")]
    public static partial void StateConflict(ILogger logger, string key, int attempt);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Dialog turn in {ChannelId}: public={IsPublic}, node {Node}, {Replies} replies, {Effects} effects")]
    public static partial void DialogTurn(ILogger logger, string? channelId, bool isPublic, string? node, int replies, int effects);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Dialog effect {Effect} requested in {ChannelId}; carrying it out is not wired yet, so it was only logged")]
    public static partial void EffectNotWired(ILogger logger, string effect, string? channelId);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "Moved a public conversation in {ChannelId} to a private one: {PublicConversationId} -> {PrivateConversationId}")]
    public static partial void MovedPrivate(ILogger logger, string? channelId, string publicConversationId, string privateConversationId);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Warning, Message = "The channel {ChannelId} refused a private conversation (HTTP {StatusCode}, {ErrorCode}); answering with the email route")]
    public static partial void PrivateConversationRefused(ILogger logger, string? channelId, int? statusCode, string? errorCode);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Error, Message = "Opening a private conversation in {ChannelId} failed for now; the customer was told to expect a message")]
    public static partial void PrivateConversationFailed(ILogger logger, Exception exception, string? channelId);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Information, Message = "Hand-off in {ChannelId}: case {CaseId} (new: {Created})")]
    public static partial void CaseOpened(ILogger logger, string caseId, bool created, string? channelId);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug, Message = "Ignoring {ActivityType} activity")]
    public static partial void Ignored(ILogger logger, string? activityType);
}
