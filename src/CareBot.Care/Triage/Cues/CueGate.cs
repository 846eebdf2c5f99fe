using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace CareBot.Care.Triage.Cues;

/// <summary>
/// A cheap test in front of a list of cue patterns: one compiled pattern, the alternation of the whole list, that matches
/// a text exactly when at least one pattern of the list would. Most messages match no cue at all, so triage asks the gate
/// first and runs the patterns one by one (to quote the first one that matched, as before) only when it opens.
/// </summary>
/// <remarks>
/// The gate is built and warmed (one match on a short text) when the cue file is loaded, so the first real message never
/// pays the time to compile and JIT it: a freshly compiled pattern's first match could overrun the cues' match timeout on
/// a loaded machine. A gate that times out anyway says "might match", so the patterns run one by one as they always did.
/// Gates are shared by pattern text across loads of the cue file (tests and hosts load the same file many times).
/// </remarks>
public sealed class CueGate
{
    private static readonly ConcurrentDictionary<string, CueGate> Shared = new(StringComparer.Ordinal);

    /// <summary>
    /// Constructs that mean something else once a pattern sits inside an alternation with others: numbered
    /// backreferences and conditionals (group numbers shift), and inline free-spacing mode (a '#' comment would swallow
    /// the alternation's closing parenthesis). A list with any of them gets no gate.
    /// </summary>
    private static readonly Regex NotCombinable = new(@"\\[1-9]|\\k|\(\?\(|\(\?[imnsx-]*x", RegexOptions.CultureInvariant);

    private readonly Regex regex;

    private CueGate(Regex regex)
    {
        this.regex = regex;
        Warm(regex);
    }

    /// <summary>The combined pattern, for diagnostics and tests.</summary>
    public string Pattern => regex.ToString();

    /// <summary>
    /// The gate of <paramref name="patterns"/>, or null when there is nothing to gain (no patterns) or the patterns
    /// cannot be combined safely (different options or timeouts, or a construct listed above); without a gate every
    /// pattern runs.
    /// </summary>
    public static CueGate? For(IEnumerable<Regex> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var list = patterns.ToList();
        if (list.Count == 0
            || list.Exists(p => p.Options != list[0].Options || p.MatchTimeout != list[0].MatchTimeout || NotCombinable.IsMatch(p.ToString())))
        {
            return null;
        }

        var options = list[0].Options | RegexOptions.Compiled;
        var timeout = list[0].MatchTimeout;
        var combined = string.Join("|", list.Select(p => $"(?:{p})"));
        return Shared.GetOrAdd($"{options}/{timeout.Ticks}/{combined}", _ => new CueGate(new Regex(combined, options, timeout)));
    }

    /// <summary>False only when no pattern of the list can match <paramref name="text"/>.</summary>
    public bool MightMatch(string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // Cannot rule anything out in time: let the patterns run one by one, each with its own timeout, as before.
            return true;
        }
    }

    private static void Warm(Regex regex)
    {
        try
        {
            regex.IsMatch("warm up the compiled gate");
        }
        catch (RegexMatchTimeoutException)
        {
            // The JIT work is done either way; only this warm-up match was slow.
        }
    }
}
