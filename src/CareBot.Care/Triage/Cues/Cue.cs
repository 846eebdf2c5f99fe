using System.Text.RegularExpressions;

namespace CareBot.Care.Triage.Cues;

/// <summary>
/// One cue of a signal: if any pattern matches and no "unless" pattern does, the signal fires with this reason.
/// An urgent cue (a safety risk, say) makes the message urgent on its own.
/// </summary>
public sealed record Cue(string Reason, IReadOnlyList<Regex> Patterns, IReadOnlyList<Regex> Unless, bool Urgent)
{
    /// <summary>
    /// Matches when any of <see cref="Patterns"/> would (set by <see cref="TriageCueLoader"/>); null runs every pattern.
    /// </summary>
    public CueGate? Gate { get; init; }
}
