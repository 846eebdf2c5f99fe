using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CareBot.Care.Triage.Cues;

/// <summary>
/// Case folding for the cue prefilter that agrees with the regex engine's own case-insensitive matching: every character
/// a case-insensitive pattern would take for an ASCII letter folds to that lower-case letter (so the Kelvin sign folds
/// to 'k'), and a non-ASCII literal is only used when the engine matches it to itself alone.
/// </summary>
/// <remarks>
/// The tables are read from <see cref="Regex"/> itself (one scan of every UTF-16 code unit per ASCII letter, under both
/// the invariant and the current culture) rather than from <see cref="char.ToLowerInvariant"/>, whose mappings differ
/// from the engine's in corner cases; a prefilter that folded differently could skip a pattern that matches.
/// </remarks>
internal static class CaseFolding
{
    private const string AsciiLetters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private static readonly Lazy<string> AllNonAscii = new(() =>
    {
        var builder = new StringBuilder(char.MaxValue - 127);
        for (var c = 128; c <= char.MaxValue; c++)
        {
            builder.Append((char)c);
        }

        return builder.ToString();
    });

    private static readonly Lazy<FrozenDictionary<char, char>> NonAsciiToAscii = new(BuildNonAsciiToAscii);
    private static readonly ConcurrentDictionary<char, bool> Caseless = new();

    /// <summary>How the prefilter sees a character of the text: ASCII letters and their equivalents lower-cased.</summary>
    public static char FoldText(char c)
    {
        if (c < 128)
        {
            return c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
        }

        return NonAsciiToAscii.Value.TryGetValue(c, out var ascii) ? ascii : c;
    }

    /// <summary>
    /// The folded form of a literal character of a pattern, or false when the prefilter cannot rely on it (a non-ASCII
    /// letter with case variants): the literal then ends there.
    /// </summary>
    public static bool TryFoldLiteral(char c, out char folded)
    {
        if (c < 128)
        {
            folded = c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
            return true;
        }

        folded = c;
        return Caseless.GetOrAdd(c, IsCaseless);
    }

    /// <summary>Whether a case-insensitive pattern matches <paramref name="c"/> to itself and nothing else.</summary>
    private static bool IsCaseless(char c)
    {
        foreach (var culture in Cultures())
        {
            var pattern = new Regex("[" + Regex.Escape(c.ToString()) + "]", RegexOptions.IgnoreCase | culture);
            if (pattern.Count(AllNonAscii.Value) != 1 || pattern.IsMatch(AsciiLetters))
            {
                return false;
            }
        }

        return true;
    }

    private static FrozenDictionary<char, char> BuildNonAsciiToAscii()
    {
        var map = new Dictionary<char, char>();
        for (var letter = 'a'; letter <= 'z'; letter++)
        {
            foreach (var culture in Cultures())
            {
                var pattern = new Regex("[" + letter + "]", RegexOptions.IgnoreCase | culture);
                foreach (Match match in pattern.Matches(AllNonAscii.Value))
                {
                    map[match.Value[0]] = letter;
                }
            }
        }

        return map.ToFrozenDictionary();
    }

    private static RegexOptions[] Cultures() =>
        CultureInfo.CurrentCulture.Name.Length == 0 ? [RegexOptions.CultureInvariant] : [RegexOptions.CultureInvariant, RegexOptions.None];
}
