using Microsoft.Extensions.Logging;

namespace CareBot.Care;

/// <summary>Source-generated log messages of CareBot.Care (event ids 3000-3999; triage uses 3000-3099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Triage cues loaded from {Source}")]
    public static partial void TriageCuesLoaded(ILogger logger, string source);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Azure AI Language request failed ({Reason}); the embedded VADER analyzer answered instead")]
    public static partial void AzureLanguageFailed(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Azure AI Language circuit opened after {Failures} consecutive failures; skipping the service until {Until}")]
    public static partial void AzureLanguageCircuitOpened(ILogger logger, int failures, DateTimeOffset until);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Azure AI Language rejected document {DocumentId}: {Code}")]
    public static partial void AzureLanguageDocumentError(ILogger logger, string documentId, string code);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Sentiment provider: {Provider}")]
    public static partial void SentimentProviderChosen(ILogger logger, string provider);
}
