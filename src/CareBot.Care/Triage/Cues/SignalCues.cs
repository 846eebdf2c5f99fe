using System.Text.RegularExpressions;

namespace CareBot.Care.Triage.Cues;

/// <summary>
/// The cues of one signal. <see cref="MaxCompound"/>, when set, also fires the signal for text whose VADER compound is
/// at or below it (strongly negative text is nearly always a complaint). A message matching any <see cref="Unless"/>
/// pattern ("no complaints") never fires the signal.
/// </summary>
public sealed record SignalCues(IReadOnlyList<Cue> Cues, double? MaxCompound, IReadOnlyList<Regex> Unless)
{
    public static SignalCues Empty { get; } = new([], null, []);

    /// <summary>
    /// Matches when any pattern of any cue would (set by <see cref="TriageCueLoader"/>): most messages fire no cue of a
    /// signal, and this one test says so. Null runs every cue.
    /// </summary>
    public CueGate? AnyCue { get; init; }

    /// <summary>Matches when any of <see cref="Unless"/> would; null runs every unless pattern.</summary>
    public CueGate? AnyUnless { get; init; }
}
