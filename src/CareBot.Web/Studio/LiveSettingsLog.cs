using Microsoft.Extensions.Logging;

namespace CareBot.Web.Studio;

/// <summary>Log messages of the settings admins change without a restart (event ids 9350-9399).</summary>
internal static partial class LiveSettingsLog
{
    [LoggerMessage(EventId = 9350, Level = LogLevel.Information, Message = "Settings section {Section} version {Version} saved by {Actor}; applied on this instance")]
    public static partial void Saved(ILogger logger, string section, long version, string actor);

    [LoggerMessage(EventId = 9351, Level = LogLevel.Information, Message = "Saved settings applied: {Sections}")]
    public static partial void Applied(ILogger logger, string sections);

    [LoggerMessage(EventId = 9352, Level = LogLevel.Warning, Message = "The saved settings could not be read; the configured values stay in force until the next try")]
    public static partial void ReadFailed(ILogger logger, Exception exception);
}
