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
        return p.Length > 0 && ContainsWords(t, p);
    }

    /// <summary>
    /// Whether the text contains any of the phrases, each as <see cref="ContainsPhrase"/> reads it. The text is
    /// normalized once for the whole list: keyword conditions, decline lists and done words run on every message.
    /// </summary>
    public static bool ContainsAnyPhrase(string text, IReadOnlyList<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        if (phrases.Count == 0)
        {
            return false;
        }

        var t = Normalize(text);
        string? withoutApostrophes = null;
        foreach (var phrase in phrases)
        {
            var p = IsNormal(phrase) ? phrase : Normalize(phrase);
            if (p.Length == 0)
            {
                continue;
            }

            if (p.Contains('\'', StringComparison.Ordinal))
            {
                withoutApostrophes ??= t.Replace("'", string.Empty, StringComparison.Ordinal);
                if (ContainsWords(withoutApostrophes, p.Replace("'", string.Empty, StringComparison.Ordinal)))
                {
                    return true;
                }
            }
            else if (ContainsWords(t, p))
            {
                return true;
            }
        }

        return false;
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

    // The phrase as whole words of the normalized text (words are separated by single spaces there).
    private static bool ContainsWords(string text, string phrase)
    {
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var end = at + phrase.Length;
            if ((at == 0 || text[at - 1] == ' ') && (end == text.Length || text[end] == ' '))
            {
                return true;
            }
        }

        return false;
    }

    // Already what Normalize would return ("that's all", "need help"): most script phrases are, so they are not copied.
    private static bool IsNormal(string phrase)
    {
        if (phrase.Length == 0 || phrase[0] == ' ' || phrase[^1] == ' ')
        {
            return false;
        }

        for (var i = 0; i < phrase.Length; i++)
        {
            var c = phrase[i];
            var fine = c == ' ' ? phrase[i - 1] != ' ' : c == '\'' || (char.IsLetterOrDigit(c) && char.ToLowerInvariant(c) == c);
            if (!fine)
            {
                return false;
            }
        }

        return true;
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
