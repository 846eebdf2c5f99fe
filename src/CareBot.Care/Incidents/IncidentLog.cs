using Microsoft.Extensions.Logging;

namespace CareBot.Care.Incidents;

/// <summary>Source-generated log messages of incident mode (event ids 3800-3899 and 9400-9499).</summary>
internal static partial class IncidentLog
{
    [LoggerMessage(EventId = 3800, Level = LogLevel.Warning, Message = "Incident {IncidentId} opened on topic {Topic} with {Count} complaints")]
    public static partial void Opened(ILogger logger, string incidentId, string topic, int count);

    [LoggerMessage(EventId = 3801, Level = LogLevel.Information, Message = "Complaint on {ChannelId} attached to incident {IncidentId}")]
    public static partial void Attached(ILogger logger, string? channelId, string incidentId);

    [LoggerMessage(EventId = 3802, Level = LogLevel.Information, Message = "Incident {IncidentId} update {Number} queued for {Recipients} customers ({Unreachable} unreachable)")]
    public static partial void UpdateQueued(ILogger logger, string incidentId, int number, int recipients, int unreachable);

    [LoggerMessage(EventId = 3803, Level = LogLevel.Information, Message = "Incident {IncidentId} resolved by {By}")]
    public static partial void Resolved(ILogger logger, string incidentId, string by);

    [LoggerMessage(EventId = 3804, Level = LogLevel.Warning, Message = "Incident {IncidentId} changed concurrently; attempt {Attempt}")]
    public static partial void Conflict(ILogger logger, string incidentId, int attempt);

    [LoggerMessage(EventId = 9400, Level = LogLevel.Information, Message = "Case {CaseId} opened for an attached customer is listed on incident {IncidentId} (no separate page)")]
    public static partial void CaseListed(ILogger logger, string caseId, string incidentId);

    [LoggerMessage(EventId = 9401, Level = LogLevel.Information, Message = "Case {CaseId} resolved with incident {IncidentId}")]
    public static partial void CaseResolved(ILogger logger, string caseId, string incidentId);
}
