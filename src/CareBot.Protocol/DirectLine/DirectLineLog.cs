using Microsoft.Extensions.Logging;

namespace CareBot.Protocol.DirectLine;

/// <summary>Source-generated log messages of the built-in Direct Line channel (event ids 1400-1499).</summary>
internal static partial class DirectLineLog
{
    [LoggerMessage(1400, LogLevel.Warning, "Direct Line: no DirectLine:Secret is configured; a development secret was generated and the channel answers only loopback requests")]
    public static partial void DevelopmentSecret(ILogger logger);

    [LoggerMessage(1401, LogLevel.Information, "Direct Line: conversation {ConversationId} started (public: {IsPublic})")]
    public static partial void ConversationStarted(ILogger logger, string conversationId, bool isPublic);

    [LoggerMessage(1402, LogLevel.Information, "Direct Line: refused {Method} {Path} with HTTP {StatusCode} ({ErrorCode})")]
    public static partial void Refused(ILogger logger, string method, string path, int statusCode, string errorCode);

    [LoggerMessage(1403, LogLevel.Warning, "Direct Line: the bot answered {StatusCode} to activity {ActivityId}; answering 502")]
    public static partial void BotRejected(ILogger logger, string? activityId, int statusCode);

    [LoggerMessage(1404, LogLevel.Information, "Direct Line: dropped a WebSocket of conversation {ConversationId}: {Reason}")]
    public static partial void StreamDropped(ILogger logger, string conversationId, string reason);

    [LoggerMessage(1405, LogLevel.Debug, "Direct Line: WebSocket of conversation {ConversationId} connected from watermark {Watermark}")]
    public static partial void StreamConnected(ILogger logger, string conversationId, int watermark);

    [LoggerMessage(1406, LogLevel.Information, "Direct Line: the bot opened private conversation {ConversationId} for user {UserId} (announced in {PublicConversationId})")]
    public static partial void PrivateConversationCreated(ILogger logger, string conversationId, string userId, string? publicConversationId);

    [LoggerMessage(1407, LogLevel.Warning, "Direct Line: the conversationUpdate for conversation {ConversationId} failed with {StatusCode}")]
    public static partial void ConversationUpdateFailed(ILogger logger, string conversationId, int statusCode);

    [LoggerMessage(1408, LogLevel.Error, "Direct Line: unexpected failure on {Method} {Path}; answering 500")]
    public static partial void EndpointFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(1409, LogLevel.Warning, "Direct Line: forgot conversation {ConversationId} to open a new one (DirectLine:MaxConversations is {MaxConversations})")]
    public static partial void ConversationEvicted(ILogger logger, string conversationId, int maxConversations);

    [LoggerMessage(1410, LogLevel.Information, "Direct Line: refused {Method} {Path} with HTTP 429: client {Client} exceeded its rate limit (DirectLine:TokenRequestsPerClient or DirectLine:UploadsPerClient)")]
    public static partial void RateLimited(ILogger logger, string method, string path, string client);

    [LoggerMessage(1411, LogLevel.Warning, "Direct Line: refused an upload to conversation {ConversationId}: the kept files would pass DirectLine:MaxUploadStorageBytes ({MaxBytes})")]
    public static partial void UploadStorageFull(ILogger logger, string conversationId, long maxBytes);

    [LoggerMessage(1412, LogLevel.Information, "Direct Line: kept {Count} files ({Bytes} bytes) sent in conversation {ConversationId}")]
    public static partial void UploadStored(ILogger logger, string conversationId, int count, long bytes);
}
