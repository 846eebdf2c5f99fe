using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace CareBot.Care.Triage.Cues;

/// <summary>
/// Compiled twins of a list of cue patterns: the same text, options and timeout with <see cref="RegexOptions.Compiled"/>,
/// so each finds exactly the same match several times faster than the interpreted pattern the loader validated.
/// </summary>
/// <remarks>
/// Each twin is warmed (one match on a short text) when the cue file is loaded, so the first real message never pays
/// the time to JIT it: a freshly compiled pattern's first match could overrun the cues' 250 ms match timeout on a loaded
/// machine, and a timed-out cue counts as no match. A twin that times out anyway hands over to its interpreted pattern
/// (<see cref="Match"/>), which is what ran before. Twins are shared by pattern across loads of the cue file (tests and
/// hosts load the same file many times; compiling costs milliseconds per pattern).
/// </remarks>
public sealed class CompiledPatterns
{
    private static readonly ConcurrentDictionary<(string Pattern, RegexOptions Options, TimeSpan Timeout), Regex> Shared = new();

    private readonly IReadOnlyList<Regex> interpreted;
    private readonly Regex[] compiled;
    private readonly int[] slots;

    private CompiledPatterns(IReadOnlyList<Regex> interpreted, CuePrefilter? prefilter)
    {
        this.interpreted = interpreted;
        compiled = interpreted.Select(p => Shared.GetOrAdd((p.ToString(), p.Options, p.MatchTimeout), Compile)).ToArray();
        slots = interpreted.Select(p => prefilter?.SlotOf(p) ?? -1).ToArray();
    }

    /// <summary>The compiled, warmed twins of <paramref name="patterns"/>.</summary>
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

            if (Match(compiled[i], interpreted[i], text) is { } match)
            {
                return match;
            }
        }

        return null;
    }

    private static Match? Match(Regex compiled, Regex interpreted, string text)
    {
        try
        {
            var match = compiled.Match(text);
            return match.Success ? match : null;
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

    private static Regex Compile((string Pattern, RegexOptions Options, TimeSpan Timeout) key)
    {
        var regex = new Regex(key.Pattern, key.Options | RegexOptions.Compiled, key.Timeout);
        try
        {
            regex.IsMatch("warm up the compiled pattern");
        }
        catch (RegexMatchTimeoutException)
        {
            // The JIT work is done either way; only this warm-up match was slow.
        }

        return regex;
    }
}
