using System.Text.RegularExpressions;

namespace CareBot.Care.Triage.Cues;

/// <summary>
/// Everything triage looks for beyond lexicon sentiment, loaded from the admin-editable cue file
/// (dialogs/settings/triage.yaml) by <see cref="TriageCueLoader"/>. Immutable; load once and share.
/// </summary>
public sealed record TriageCues
{
    public required SignalCues Complaint { get; init; }

    public required SignalCues Urgency { get; init; }

    public required SignalCues Churn { get; init; }

    public required SignalCues WantsHuman { get; init; }

    public required SignalCues WantsPrivacy { get; init; }

    public required ShoutingCues Shouting { get; init; }

    public required PriorityCues Priority { get; init; }

    /// <summary>Order numbers as this shop writes them; group "number" (or the whole match) is the part to mask.</summary>
    public required Regex OrderNumber { get; init; }

    /// <summary>Street addresses, when feasible; null disables address detection.</summary>
    public Regex? Address { get; init; }

    /// <summary>Where the cues came from (a path, or "embedded").</summary>
    public required string Source { get; init; }

    /// <summary>
    /// The literal prefilter over every signal's patterns (set by <see cref="TriageCueLoader"/> together with the
    /// compiled twins, which know their slots in it); null runs every pattern.
    /// </summary>
    internal CuePrefilter? Prefilter { get; init; }

    /// <summary>
    /// Compiles every pattern's twin now (see <see cref="CompiledPatterns"/>; a server compiles only the patterns its
    /// messages reach) and completes when all are in place: for benchmarks and tests of the fast path.
    /// </summary>
    public Task CompileAllAsync()
    {
        SignalCues[] signals = [Complaint, Urgency, Churn, WantsHuman, WantsPrivacy];
        return Task.WhenAll(signals
            .SelectMany(signal => signal.Cues.SelectMany(cue => new[] { cue.CompiledPatterns, cue.CompiledUnless }).Append(signal.CompiledUnless))
            .OfType<CompiledPatterns>()
            .Select(patterns => patterns.CompileAllAsync()));
    }

    /// <summary>
    /// These cues without their compiled twins, so the interpreted patterns run as before the fast path: what the
    /// equivalence test and the throughput benchmark compare the fast path against.
    /// </summary>
    internal TriageCues WithoutCompiledPatterns()
    {
        static SignalCues Plain(SignalCues signal) =>
            new(signal.Cues.Select(cue => new Cue(cue.Reason, cue.Patterns, cue.Unless, cue.Urgent)).ToList(), signal.MaxCompound, signal.Unless);

        return this with
        {
            Prefilter = null,
            Complaint = Plain(Complaint),
            Urgency = Plain(Urgency),
            Churn = Plain(Churn),
            WantsHuman = Plain(WantsHuman),
            WantsPrivacy = Plain(WantsPrivacy),
        };
    }
}
