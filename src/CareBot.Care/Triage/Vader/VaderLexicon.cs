using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace CareBot.Care.Triage.Vader;

/// <summary>
/// The VADER word valences and the emoji descriptions, read once from the embedded copies of the public lexicons
/// (Data/, MIT licence beside them) into frozen dictionaries that look words up by span without allocating. One
/// emoji is read differently from the reference on purpose: 🔥 (see <see cref="Load"/>).
/// </summary>
internal sealed class VaderLexicon
{
    private static readonly Lazy<VaderLexicon> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private VaderLexicon(FrozenDictionary<string, double> words, FrozenDictionary<int, string> emoji)
    {
        Words = words;
        Emoji = emoji;

        var all = new Dictionary<string, VaderWord>(StringComparer.OrdinalIgnoreCase);
        foreach (var (word, valence) in words)
        {
            all[word] = new VaderWord(valence, true, 0, false, false);
        }

        foreach (var (word, booster) in VaderRules.Boosters)
        {
            all[word] = (all.TryGetValue(word, out var known) ? known : default) with { Booster = booster, IsBooster = true };
        }

        foreach (var word in VaderRules.Negations)
        {
            all[word] = (all.TryGetValue(word, out var known) ? known : default) with { IsNegation = true };
        }

        WordLookup = all.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The lexicon of the embedded files, loaded on first use and shared by every scorer.</summary>
    public static VaderLexicon Default => Shared.Value;

    /// <summary>Word → mean valence (-4..4). Keys are lower case; lookups ignore case.</summary>
    public FrozenDictionary<string, double> Words { get; }

    /// <summary>Lexicon words, boosters and negations in one table, looked up by span ignoring case.</summary>
    public FrozenDictionary<string, VaderWord>.AlternateLookup<ReadOnlySpan<char>> WordLookup { get; }

    /// <summary>Single-code-point emoji → English description.</summary>
    public FrozenDictionary<int, string> Emoji { get; }

    private static VaderLexicon Load()
    {
        var words = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in ReadResourceLines("vader_lexicon.txt"))
        {
            var fields = line.Trim().Split('\t');
            if (fields.Length < 2)
            {
                continue;
            }

            // The reference lower-cases a word before looking it up, so an entry with capitals (":D") can never match.
            var word = fields[0];
            if (!string.Equals(word, word.ToLowerInvariant(), StringComparison.Ordinal))
            {
                continue;
            }

            words[word] = double.Parse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        var emoji = new Dictionary<int, string>();
        foreach (var line in ReadResourceLines("emoji_utf8_lexicon.txt"))
        {
            var fields = line.Trim().Split('\t');
            if (fields.Length < 2)
            {
                continue;
            }

            // The reference replaces emoji one code point at a time, so multi-code-point sequences never match.
            var key = fields[0];
            if (Rune.DecodeFromUtf16(key, out var rune, out var consumed) == System.Buffers.OperationStatus.Done
                && consumed == key.Length)
            {
                emoji[rune.Value] = fields[1];
            }
        }

        // The one deliberate difference from the reference: under a brand's post "🔥🔥🔥" means "great", but the
        // lexicon names it "fire" (-1.4), so every such comment read as strongly negative and was apologised to as a
        // complaint. It is read as "lit", a word VADER does not score.
        emoji[0x1F525] = "lit";

        return new VaderLexicon(
            words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            emoji.ToFrozenDictionary());
    }

    private static IEnumerable<string> ReadResourceLines(string fileName)
    {
        var assembly = typeof(VaderLexicon).Assembly;
        var name = "CareBot.Care.Triage.Vader.Data." + fileName;
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded VADER resource '{name}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}
