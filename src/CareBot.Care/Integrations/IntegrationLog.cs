using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using Microsoft.Extensions.Logging;

namespace CareBot.Care.Integrations;

/// <summary>Source-generated log messages of the integrations (event ids 3700-3799). Paths are not logged: they hold customers' values.</summary>
internal static partial class IntegrationLog
{
    [LoggerMessage(EventId = 3700, Level = LogLevel.Information, Message = "Lookup {Integration} {Method} by {ScriptId}/{NodeId}: {Status} in {Elapsed}")]
    public static partial void LookupDone(ILogger logger, string integration, string method, string scriptId, string nodeId, LookupStatus status, TimeSpan elapsed);

    [LoggerMessage(EventId = 3701, Level = LogLevel.Warning, Message = "Lookup {Integration} by {ScriptId}/{NodeId} failed: {Reason}")]
    public static partial void LookupFailed(ILogger logger, string integration, string scriptId, string nodeId, string reason, Exception? exception);

    [LoggerMessage(EventId = 3702, Level = LogLevel.Warning, Message = "Lookup by {ScriptId}/{NodeId} names the integration {Integration}, which is not configured (Integrations:{Integration}:BaseUrl); the dialog takes its fallback")]
    public static partial void NotConfigured(ILogger logger, string integration, string scriptId, string nodeId);
}
