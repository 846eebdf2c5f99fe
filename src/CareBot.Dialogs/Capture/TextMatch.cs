using System.Text;

namespace CareBot.Dialogs.Capture;

/// <summary>Loose text comparison for synonyms and keywords: case, punctuation and extra spaces do not matter.</summary>
public static class TextMatch
{
    /// <summary>Lower-cases, turns punctuation into spaces (keeping apostrophes inside words) and collapses spaces.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var space = true;
        foreach (var raw in text.Replace('\u2019', '\''))
        {
            var c = char.ToLowerInvariant(raw);
            if (char.IsLetterOrDigit(c) || c == '\'')
            {
                builder.Append(c);
                space = false;
            }
            else if (!space)
            {
                builder.Append(' ');
                space = true;
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>
    /// Whether the text contains the phrase as whole words. A phrase written with an apostrophe also matches without it:
    /// customers type "dont have one" and "thats all". Not the other way round: "ill" must not match "I'll".
    /// </summary>
    public static bool ContainsPhrase(string text, string phrase)
    {
        var (t, p) = Comparable(text, phrase);
        return p.Length > 0 && (" " + t + " ").Contains(" " + p + " ", StringComparison.Ordinal);
    }

    /// <summary>Words with a letter ("?", "!!" and "07700 900123" have none): how much a message says.</summary>
    public static int WordCount(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(word => word.Any(char.IsLetter));
    }

    /// <summary>
    /// Whether the text is the phrase, or starts with it as whole words ("yes please" starts with "yes"); a phrase with an
    /// apostrophe also without it, as in <see cref="ContainsPhrase"/>.
    /// </summary>
    public static bool StartsWithPhrase(string text, string phrase)
    {
        var (t, p) = Comparable(text, phrase);
        return p.Length > 0 && (t == p || t.StartsWith(p + " ", StringComparison.Ordinal));
    }

    // Both normalized; when the phrase has an apostrophe, both without apostrophes (which only widens the match: "don't"
    // still finds "don't", and now "dont"). A phrase without one is compared as written, so "ill" never finds "I'll".
    private static (string Text, string Phrase) Comparable(string text, string phrase)
    {
        var t = Normalize(text);
        var p = Normalize(phrase);
        return p.Contains('\'', StringComparison.Ordinal)
            ? (t.Replace("'", string.Empty, StringComparison.Ordinal), p.Replace("'", string.Empty, StringComparison.Ordinal))
            : (t, p);
    }
}
