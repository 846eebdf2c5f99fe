using Microsoft.Extensions.Logging;

namespace CareBot.Care.Bot;

/// <summary>Source-generated log messages of the care bot (event ids 3100-3199).</summary>
internal static partial class BotLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Activity {ActivityId} in {ChannelId} was already processed; nothing to do")]
    public static partial void AlreadyProcessed(ILogger logger, string? activityId, string? channelId);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Conversation state {Key} changed concurrently (attempt {Attempt}); rerunning the turn")]
    public static partial void StateConflict(ILogger logger, string key, int attempt);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Case {CaseId} of conversation {Key} changed concurrently (attempt {Attempt}); rerunning the turn")]
    public static partial void CaseConflict(ILogger logger, string? caseId, string key, int attempt);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Dialog turn in {ChannelId}: public={IsPublic}, node {Node}, {Replies} replies, {Effects} effects")]
    public static partial void DialogTurn(ILogger logger, string? channelId, bool isPublic, string? node, int replies, int effects);





    [LoggerMessage(EventId = 3108, Level = LogLevel.Information, Message = "Hand-off in {ChannelId}: case {CaseId} (new: {Created})")]
    public static partial void CaseOpened(ILogger logger, string caseId, bool created, string? channelId);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug, Message = "Ignoring {ActivityType} activity")]
    public static partial void Ignored(ILogger logger, string? activityType);
}
