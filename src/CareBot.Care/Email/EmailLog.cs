using Microsoft.Extensions.Logging;

namespace CareBot.Care.Email;

/// <summary>Source-generated log messages of email delivery (event ids 3200-3219 of CareBot.Care).</summary>
internal static partial class EmailLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Email {MessageId} sent through {Host}:{Port}")]
    public static partial void Sent(ILogger logger, string messageId, string host, int port);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Email {MessageId} written to {Path}")]
    public static partial void WrittenToPickup(ILogger logger, string messageId, string path);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Debug, Message = "Email {MessageId} is already in the pickup folder; not written again")]
    public static partial void AlreadyInPickup(ILogger logger, string messageId);
}
