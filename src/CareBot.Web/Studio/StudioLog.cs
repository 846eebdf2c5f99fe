using Microsoft.Extensions.Logging;

namespace CareBot.Web.Studio;

/// <summary>The admin studio's log messages (event ids 8000-8099).</summary>
internal static partial class StudioLog
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "Dialog {ScriptId} version {Version} went live from the studio ({Kind} by {Author}); it replaced {PreviousVersion}")]
    public static partial void VersionPublished(ILogger logger, string scriptId, string version, string previousVersion, string author, string kind);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Error, Message = "A listener failed after dialog {ScriptId} version {Version} went live; the version stays live")]
    public static partial void ListenerFailed(ILogger logger, string scriptId, string version, Exception exception);
}
