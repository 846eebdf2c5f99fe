namespace CareBot.Care.Triage;

/// <summary>The signals the priority rule reads.</summary>
internal sealed record SignalSet(
    TriageSignal Complaint,
    ShoutingSignal Shouting,
    TriageSignal Urgency,
    TriageSignal Churn,
    TriageSignal WantsHuman,
    TriageSignal WantsPrivacy);
