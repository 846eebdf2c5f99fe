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

    /// <summary>The compiled twins of <see cref="Unless"/> (set by <see cref="TriageCueLoader"/>); null runs the interpreted ones.</summary>
    public CompiledPatterns? CompiledUnless { get; init; }
}
