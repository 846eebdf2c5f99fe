using CareBot.Protocol.Diagnostics;

namespace CareBot.Care.Cases;

/// <summary>Counts the case transitions operators watch (opened, claimed, resolved) from the events that announce them.</summary>
public static class CaseMetrics
{
    /// <summary>Counts <paramref name="caseEvent"/> if it is one of the watched transitions; call once per stored event.</summary>
    public static void Count(CaseEvent caseEvent)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        switch (caseEvent.Name)
        {
            case CaseEventNames.Created:
                CareBotTelemetry.CasesOpened.Add(1);
                break;
            case CaseEventNames.Assigned:
                CareBotTelemetry.CasesClaimed.Add(1);
                break;
            case CaseEventNames.Resolved:
                CareBotTelemetry.CasesResolved.Add(1);
                break;
        }
    }
}
