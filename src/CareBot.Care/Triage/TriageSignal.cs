namespace CareBot.Care.Triage;

/// <summary>Whether a care signal was detected, and why, in words a human can read.</summary>
public record TriageSignal(bool Detected, IReadOnlyList<string> Reasons)
{
    public static TriageSignal None { get; } = new(false, []);
}
