using Microsoft.Extensions.Logging;

namespace CareBot.Dialogs.Loading;

/// <summary>The Dialogs project's log messages (event ids 2000-2999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Loaded {Count} dialog script(s) from {Folder}: {Versions}")]
    public static partial void ScriptsLoaded(ILogger logger, int count, string folder, string versions);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Refused the dialog scripts in {Folder}: {ErrorCount} error(s); the previous versions stay live")]
    public static partial void ReloadRefused(ILogger logger, string folder, int errorCount);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "{Diagnostic}")]
    public static partial void ScriptError(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "{Diagnostic}")]
    public static partial void ScriptWarning(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "Reloading the dialog scripts in {Folder} failed")]
    public static partial void ReloadFailed(ILogger logger, string folder, Exception exception);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Restored dialog {ScriptId} version {Version} from the script archive")]
    public static partial void VersionRestored(ILogger logger, string scriptId, string version);
}
