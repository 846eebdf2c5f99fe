using Microsoft.Extensions.Logging;

namespace CareBot.Web.Console;

/// <summary>Log messages of the agent console's background work (event ids 9700-9749).</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 9700, Level = LogLevel.Warning, Message = "Who views case {CaseId} could not be sent to the other instances; it is sent again within {Renewal}")]
    public static partial void PresenceNotSent(this ILogger logger, string caseId, TimeSpan renewal, Exception exception);
}
