using System.Text.RegularExpressions;

namespace CareBot.Care.Triage.Cues;

/// <summary>
/// One cue of a signal: if any pattern matches and no "unless" pattern does, the signal fires with this reason.
/// An urgent cue (a safety risk, say) makes the message urgent on its own.
/// </summary>
public sealed record Cue(string Reason, IReadOnlyList<Regex> Patterns, IReadOnlyList<Regex> Unless, bool Urgent)
{
    /// <summary>
    /// The compiled twins of <see cref="Patterns"/> and <see cref="Unless"/> (set by <see cref="TriageCueLoader"/>);
    /// null runs the interpreted patterns.
    /// </summary>
    public CompiledPatterns? CompiledPatterns { get; init; }

    /// <inheritdoc cref="CompiledPatterns"/>
    public CompiledPatterns? CompiledUnless { get; init; }
}
