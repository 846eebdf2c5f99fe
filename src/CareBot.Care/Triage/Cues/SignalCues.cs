namespace CareBot.Care.Triage.Cues;

/// <summary>
/// The cues of one signal. <see cref="MaxCompound"/>, when set, also fires the signal for text whose VADER compound is
/// at or below it (strongly negative text is nearly always a complaint).
/// </summary>
public sealed record SignalCues(IReadOnlyList<Cue> Cues, double? MaxCompound)
{
    public static SignalCues Empty { get; } = new([], null);
}
