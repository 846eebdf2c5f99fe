using System.Text.RegularExpressions;

namespace CareBot.Care.Triage.Cues;

/// <summary>
/// Compiled twins of a list of cue patterns: the same text, options and timeout with <see cref="RegexOptions.Compiled"/>,
/// so each finds exactly the same match several times faster than the interpreted pattern the loader validated.
/// </summary>
/// <remarks>
/// A pattern's twin is compiled once the pattern has run <see cref="HotAfter"/> times, on a background thread
/// (<see cref="PatternCompiler"/>); until then its interpreted pattern runs. So loading the cue file costs no compile
/// time, triage works from the first message, and only the patterns messages actually reach are compiled: compiling
/// them all took about 9 s of CPU in every process, most of it for patterns the literal prefilter seldom lets run.
/// Warming (one match on a short text) means a real message never pays the time to JIT a twin: a freshly compiled
/// pattern's first match could overrun the cues' 250 ms match timeout on a loaded machine, and a timed-out cue counts
/// as no match. A twin that times out anyway hands over to its interpreted pattern (<see cref="Match"/>), which is what
/// ran before. Twins are shared by pattern across loads of the cue file (tests and hosts load the same file many times).
/// </remarks>
public sealed class CompiledPatterns
{
    /// <summary>How many runs of a pattern earn it a compiled twin.</summary>
    public const int HotAfter = 16;

    private readonly IReadOnlyList<Regex> interpreted;
    private readonly Regex?[] compiled;
    private readonly int[] runs;
    private readonly int[] slots;

    private CompiledPatterns(IReadOnlyList<Regex> interpreted, CuePrefilter? prefilter)
    {
        this.interpreted = interpreted;
        compiled = new Regex?[interpreted.Count];
        runs = new int[interpreted.Count];
        slots = interpreted.Select(p => prefilter?.SlotOf(p) ?? -1).ToArray();
    }

    /// <summary>Whether every pattern's compiled twin is in place.</summary>
    internal bool AllCompiled => Enumerable.Range(0, compiled.Length).All(IsCompiled);

    /// <summary>Whether the pattern at <paramref name="index"/> has its compiled twin in place.</summary>
    internal bool IsCompiled(int index) => Volatile.Read(ref compiled[index]) is not null;

    /// <summary>
    /// Compiles every pattern's twin now, however often it ran (benchmarks and tests measure the fast path a busy server
    /// has); completes when all are in place.
    /// </summary>
    public Task CompileAllAsync() => PatternCompiler.Compile(interpreted, Place);

    /// <summary>The compiled, warmed twins of <paramref name="patterns"/>, arriving in the background.</summary>
    public static CompiledPatterns For(IReadOnlyList<Regex> patterns) => For(patterns, null);

    /// <summary>
    /// The compiled, warmed twins of <paramref name="patterns"/>, each skipped when <paramref name="prefilter"/>'s scan
    /// of the text shows it cannot match.
    /// </summary>
    internal static CompiledPatterns For(IReadOnlyList<Regex> patterns, CuePrefilter? prefilter)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        return new CompiledPatterns(patterns, prefilter);
    }

    /// <summary>
    /// The match of the first pattern, in list order, that matches <paramref name="text"/>, or null; a pattern too slow
    /// for the text (in both forms) counts as no match, as it always did.
    /// </summary>
    public Match? FirstMatch(string text) => FirstMatch(text, null);

    /// <summary>
    /// As <see cref="FirstMatch(string)"/>, running only the patterns that <paramref name="candidates"/> (the
    /// prefilter's scan of this same text) says could match; null runs them all.
    /// </summary>
    internal Match? FirstMatch(string text, CueCandidates? candidates)
    {
        for (var i = 0; i < compiled.Length; i++)
        {
            if (candidates is not null && !candidates.Contains(slots[i]))
            {
                continue;
            }

            var twin = Volatile.Read(ref compiled[i]);
            if (twin is null && Interlocked.Increment(ref runs[i]) == HotAfter)
            {
                var index = i; // the loop's variable moves on before the compiler calls back
                _ = PatternCompiler.Compile([interpreted[index]], (_, compiledTwin) => Place(index, compiledTwin));
            }

            if (Match(twin, interpreted[i], text) is { } match)
            {
                return match;
            }
        }

        return null;
    }

    private void Place(int index, Regex twin) => Volatile.Write(ref compiled[index], twin);

    private static Match? Match(Regex? compiled, Regex interpreted, string text)
    {
        try
        {
            if (compiled is not null)
            {
                var match = compiled.Match(text);
                return match.Success ? match : null;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Fall through to the interpreted pattern, the one that ran before the fast path.
        }

        try
        {
            var match = interpreted.Match(text);
            return match.Success ? match : null;
        }
        catch (RegexMatchTimeoutException)
        {
            // A pattern too slow for this text counts as no match; the message is still triaged.
            return null;
        }
    }
}
