using System.Globalization;
using System.Text;
using CareBot.Care.Triage.Vader;

namespace CareBot.Care.Triage.Model;

/// <summary>
/// Turns a message into the sparse features of the care model: lower-cased words, word pairs and the character
/// trigrams of each word (so "delayd" still shares most of its evidence with "delayed"), plus a few dense features
/// from VADER and punctuation. Training and scoring share this one definition, so they cannot drift apart.
/// </summary>
/// <remarks>
/// Normalisation: @handles and links are dropped (they name the brand, not the mood), '#' is dropped from hashtags,
/// apostrophes vanish ("don't" → "dont"), letters repeated three or more times are cut to two ("soooo" → "soo"), digit
/// runs become "0", and every emoji or symbol is a word of its own.
/// </remarks>
internal static class TextFeatures
{
    /// <summary>Only the start of a very long text is featurised; customer messages are far shorter.</summary>
    public const int MaxChars = 2000;

    /// <summary>The token index of a feature that belongs to no word (VADER, punctuation, bias).</summary>
    public const int NoToken = -1;

    /// <summary>The words of a message after normalisation.</summary>
    public static List<string> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var word = new StringBuilder();
        var length = Math.Min(text.Length, MaxChars);
        var i = 0;
        while (i < length)
        {
            var c = text[i];
            if (c == '@' && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                Flush(word, tokens);
                i = SkipWhile(text, i + 1, length, ch => char.IsLetterOrDigit(ch) || ch == '_');
                continue;
            }

            if ((c == 'h' || c == 'H') && StartsWithLink(text, i))
            {
                Flush(word, tokens);
                i = SkipWhile(text, i, length, ch => !char.IsWhiteSpace(ch));
                continue;
            }

            if (char.IsLetter(c))
            {
                var lower = char.ToLowerInvariant(c);
                var n = word.Length;
                if (!(n >= 2 && word[n - 1] == lower && word[n - 2] == lower))
                {
                    word.Append(lower);
                }
            }
            else if (char.IsDigit(c))
            {
                if (word.Length == 0 || word[^1] != '0')
                {
                    word.Append('0');
                }
            }
            else if (c is '\'' or '’' && word.Length > 0)
            {
                // "don't" → "dont": apostrophes are dropped so both spellings are one word.
            }
            else if (char.IsSurrogate(c) || char.GetUnicodeCategory(c) is UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol)
            {
                Flush(word, tokens);
                if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(text[i + 1]))
                {
                    tokens.Add(text.Substring(i, 2));
                    i += 2;
                    continue;
                }

                if (!char.IsSurrogate(c))
                {
                    tokens.Add(c.ToString());
                }
            }
            else
            {
                Flush(word, tokens);
            }

            i++;
        }

        Flush(word, tokens);
        return tokens;
    }

    /// <summary>
    /// Calls <paramref name="add"/> with every feature of the message: its key, its value and the index of the word it
    /// came from (<see cref="NoToken"/> for dense features), so a score can be explained word by word.
    /// </summary>
    public static void Extract(string text, VaderScores vader, Action<string, float, int> add) =>
        Extract(Tokens(text), text, vader, add);

    /// <summary>As above, for a message already split by <see cref="Tokens"/>.</summary>
    public static void Extract(List<string> tokens, string text, VaderScores vader, Action<string, float, int> add)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(add);
        add("bias", 1, NoToken);
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            add("w:" + token, 1, t);
            if (t + 1 < tokens.Count)
            {
                add("b:" + token + " " + tokens[t + 1], 1, t);
            }

            if (token.Length >= 4 && char.IsLetter(token[0]))
            {
                var padded = "<" + token + ">";
                for (var k = 0; k + 3 <= padded.Length; k++)
                {
                    add(string.Concat("c:", padded.AsSpan(k, 3)), 0.3f, t);
                }
            }
        }

        if (tokens.Count > 0)
        {
            add("b:<s> " + tokens[0], 1, 0);
        }

        add("v:compound", (float)vader.Compound, NoToken);
        add("v:neg", (float)vader.Negative, NoToken);
        add("v:pos", (float)vader.Positive, NoToken);
        if (vader.Compound <= -0.05)
        {
            add("v:negative", 1, NoToken);
        }
        else if (vader.Compound >= 0.05)
        {
            add("v:positive", 1, NoToken);
        }

        if (text.Contains('?', StringComparison.Ordinal))
        {
            add("p:?", 1, NoToken);
        }

        if (text.Contains('!', StringComparison.Ordinal))
        {
            add("p:!", 1, NoToken);
        }
    }

    private static bool StartsWithLink(string text, int i) =>
        text.AsSpan(i).StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || text.AsSpan(i).StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static int SkipWhile(string text, int i, int length, Func<char, bool> predicate)
    {
        while (i < length && predicate(text[i]))
        {
            i++;
        }

        return i;
    }

    private static void Flush(StringBuilder word, List<string> tokens)
    {
        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
            word.Clear();
        }
    }
}
