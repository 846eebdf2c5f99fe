using Microsoft.Extensions.Logging;

namespace CareBot.Web.Studio;

/// <summary>Log messages of the triage cue file published from the studio (event ids 9760-9799).</summary>
internal static partial class CueFileLog
{
    [LoggerMessage(EventId = 9760, Level = LogLevel.Information, Message = "Triage cue file version {Version} ({Kind}) published by {Author}; triage uses it on this instance")]
    public static partial void Published(ILogger logger, string version, string kind, string author);

    [LoggerMessage(EventId = 9761, Level = LogLevel.Information, Message = "Triage cue file version {Version} #{Number}, published on another instance, applied here")]
    public static partial void Applied(ILogger logger, string version, long number);

    [LoggerMessage(EventId = 9762, Level = LogLevel.Warning, Message = "The published triage cue file could not be read or applied; the cues in use stay until the next try")]
    public static partial void ApplyFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9763, Level = LogLevel.Information, Message = "Triage cue file on disk is newer than the last published version #{Number}; keeping the file's cues")]
    public static partial void FileNewer(ILogger logger, long number);
}
