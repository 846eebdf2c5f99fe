using System.Net;
using Microsoft.Extensions.Logging;

namespace CareBot.Protocol.Connector;

/// <summary>Source-generated log messages of the Connector client (event ids 1300-1399).</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(1300, LogLevel.Debug, "Connector {Operation} {Method} {Uri} answered {StatusCode} (X-Correlating-OperationId {CorrelatingOperationId})")]
    public static partial void Succeeded(ILogger logger, string operation, string method, Uri uri, int statusCode, string? correlatingOperationId);

    [LoggerMessage(1301, LogLevel.Warning, "Connector {Operation} {Method} {Uri} failed on attempt {Attempt}: {StatusCode} {ErrorCode} (transient: {IsTransient}, X-Correlating-OperationId {CorrelatingOperationId})")]
    public static partial void Failed(ILogger logger, string operation, string method, Uri uri, int attempt, HttpStatusCode? statusCode, string? errorCode, bool isTransient, string? correlatingOperationId);

    [LoggerMessage(1302, LogLevel.Warning, "Connector {Operation} {Method} {Uri} got no answer on attempt {Attempt}: {Reason}")]
    public static partial void NoAnswer(ILogger logger, string operation, string method, Uri uri, int attempt, string reason, Exception? exception);

    [LoggerMessage(1303, LogLevel.Information, "Retrying Connector {Operation} {Uri} in {Delay} (retry {Retry} of {MaxRetries}, Retry-After given: {RetryAfterGiven})")]
    public static partial void Retrying(ILogger logger, string operation, Uri uri, TimeSpan delay, int retry, int maxRetries, bool retryAfterGiven);

    [LoggerMessage(1304, LogLevel.Warning, "Connector {Operation} {Uri}: the channel asked to retry after {RetryAfter}, longer than Connector:MaxRetryAfter {MaxRetryAfter}; giving up this call as transient")]
    public static partial void RetryAfterTooLong(ILogger logger, string operation, Uri uri, TimeSpan retryAfter, TimeSpan maxRetryAfter);

    [LoggerMessage(1306, LogLevel.Information, "Kept no copy of a file a customer sent on {ChannelId}: {Reason}; the case links to the channel's copy")]
    public static partial void FileNotKept(ILogger logger, string? channelId, string reason);

    [LoggerMessage(1305, LogLevel.Warning, "Refused Connector {Operation} to serviceUrl {ServiceUrl}: auth is on and it was neither proven by a validated channel token nor allow-listed in Connector:AllowedServiceUrls")]
    public static partial void UntrustedServiceUrl(ILogger logger, string operation, string serviceUrl);
}
