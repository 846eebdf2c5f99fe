namespace CareBot.Care.Triage;

/// <summary>The shouting signal, plus how angry the message reads overall (0 calm .. 1 furious).</summary>
public sealed record ShoutingSignal(bool Detected, IReadOnlyList<string> Reasons, double AngerIntensity)
    : TriageSignal(Detected, Reasons);
