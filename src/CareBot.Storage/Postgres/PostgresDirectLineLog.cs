using Microsoft.Extensions.Logging;

namespace CareBot.Storage.Postgres;

/// <summary>Log messages of the Direct Line channel's PostgreSQL state (event ids 9500-9599).</summary>
internal static partial class PostgresDirectLineLog
{
    [LoggerMessage(EventId = 9500, Level = LogLevel.Warning, Message = "Could not read new Direct Line activities from PostgreSQL for the streams open here; retrying")]
    public static partial void DirectLineStreamReadFailed(this ILogger logger, Exception exception);
}
