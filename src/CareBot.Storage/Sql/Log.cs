using Microsoft.Extensions.Logging;

namespace CareBot.Storage.Sql;

/// <summary>Source-generated log messages of the storage project (event ids 4000-4999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Storage uses {Engine} at {Location}")]
    public static partial void StorageSelected(this ILogger logger, string engine, string location);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Applied {Engine} migration {Version} ({Name})")]
    public static partial void MigrationApplied(this ILogger logger, string engine, int version, string name);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "{Engine} schema is up to date at version {Version}")]
    public static partial void SchemaUpToDate(this ILogger logger, string engine, int version);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "State write conflict on {Key} (expected ETag {ExpectedETag})")]
    public static partial void StateConflict(this ILogger logger, string key, string? expectedETag);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Purged {Count} expired activity outcomes")]
    public static partial void OutcomesPurged(this ILogger logger, int count);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Storage migration failed for {Engine}")]
    public static partial void MigrationFailed(this ILogger logger, string engine, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Server instance {InstanceId} (process {ProcessId} on {HostName}) is gone; the activities it was processing are free to be processed again")]
    public static partial void InstanceGone(this ILogger logger, string instanceId, string hostName, int processId);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Could not renew this server instance's heartbeat; retrying at the next interval")]
    public static partial void HeartbeatFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Lost the PostgreSQL notification connection; reconnecting (other instances' changes arrive by polling meanwhile)")]
    public static partial void NotificationsLost(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "PostgreSQL cannot be reached for notifications ({Reason}); reconnecting (other instances' changes arrive by polling meanwhile)")]
    public static partial void NotificationsUnreachable(this ILogger logger, string reason);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Could not store {Count} case events in PostgreSQL; retrying")]
    public static partial void CaseEventsNotStored(this ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Could not read new case events from PostgreSQL; retrying")]
    public static partial void CaseEventsNotRead(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Could not tell the other instances about the dialog versions that went live here; retrying")]
    public static partial void ScriptPublicationNotShared(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Could not read the dialog versions published by other instances; retrying")]
    public static partial void ScriptPublicationNotFollowed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Dialog versions published by instance {InstanceId} are live here too: {Versions}")]
    public static partial void ScriptPublicationFollowed(this ILogger logger, string instanceId, string versions);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Error, Message = "Dialog versions published by instance {InstanceId} are not in script_versions, so the previous ones stay live here: {Versions}")]
    public static partial void ScriptPublicationNotRestorable(this ILogger logger, string instanceId, string versions);
}
