using System.Globalization;
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
/// runs become "0", and every emoji or symbol is a word of its own. Keys are built in a reusable buffer and handed to
/// the sink as spans, so scoring a message allocates nothing.
/// </remarks>
internal static class TextFeatures
{
    /// <summary>Only the start of a very long text is featurised; customer messages are far shorter.</summary>
    public const int MaxChars = 2000;

    /// <summary>The token index of a feature that belongs to no word (VADER, punctuation, bias).</summary>
    public const int NoToken = -1;

    private const float TrigramValue = 0.3f;

    /// <summary>The words of a message after normalisation (allocates; for tests and training).</summary>
    public static List<string> Tokens(string text)
    {
        var buffer = new TokenBuffer();
        Tokenize(text, buffer);
        return [.. Enumerable.Range(0, buffer.Count).Select(buffer.Token)];
    }

    /// <summary>
    /// Calls <paramref name="add"/> with every feature of the message: its key, its value and the index of the word it
    /// came from (<see cref="NoToken"/> for dense features). Allocates a string per feature: for training.
    /// </summary>
    public static void Extract(string text, VaderScores vader, Action<string, float, int> add)
    {
        var buffer = new TokenBuffer();
        Tokenize(text, buffer);
        Extract(buffer, text, vader, new StringSink(add));
    }

    /// <summary>Splits <paramref name="text"/> into normalised words in <paramref name="buffer"/>.</summary>
    public static void Tokenize(string text, TokenBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(buffer);
        buffer.Reset(text.Length);
        var length = Math.Min(text.Length, MaxChars);
        var i = 0;
        while (i < length)
        {
            var c = text[i];
            if (c == '@' && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                buffer.EndWord();
                i = SkipWhile(text, i + 1, length, ch => char.IsLetterOrDigit(ch) || ch == '_');
                continue;
            }

            if ((c == 'h' || c == 'H') && StartsWithLink(text, i))
            {
                buffer.EndWord();
                i = SkipWhile(text, i, length, ch => !char.IsWhiteSpace(ch));
                continue;
            }

            if (char.IsLetter(c))
            {
                buffer.AppendLetter(c);
            }
            else if (char.IsDigit(c))
            {
                buffer.AppendDigit();
            }
            else if (c is '\'' or '’' && buffer.InWord)
            {
                // "don't" → "dont": apostrophes are dropped so both spellings are one word.
            }
            else if (char.IsSurrogate(c) || char.GetUnicodeCategory(c) is UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol)
            {
                buffer.EndWord();
                if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(text[i + 1]))
                {
                    buffer.AddSymbol(text.AsSpan(i, 2));
                    i += 2;
                    continue;
                }

                if (!char.IsSurrogate(c))
                {
                    buffer.AddSymbol(text.AsSpan(i, 1));
                }
            }
            else
            {
                buffer.EndWord();
            }

            i++;
        }

        buffer.EndWord();
    }

    /// <summary>Hands every feature of a tokenised message to <paramref name="sink"/>; see the type's summary.</summary>
    public static void Extract<TSink>(TokenBuffer tokens, string text, VaderScores vader, TSink sink)
        where TSink : IFeatureSink
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(text);
        sink.Add("bias", 1, NoToken);
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens.TokenSpan(t);
            sink.Add(tokens.Key("w:", token), 1, t);
            if (t + 1 < tokens.Count)
            {
                sink.Add(tokens.Key("b:", token, tokens.TokenSpan(t + 1)), 1, t);
            }

            if (token.Length >= 4 && char.IsLetter(token[0]))
            {
                for (var k = -1; k + 3 <= token.Length + 1; k++)
                {
                    sink.Add(tokens.Trigram(token, k), TrigramValue, t);
                }
            }
        }

        if (tokens.Count > 0)
        {
            sink.Add(tokens.Key("b:<s> ", tokens.TokenSpan(0)), 1, 0);
        }

        sink.Add("v:compound", (float)vader.Compound, NoToken);
        sink.Add("v:neg", (float)vader.Negative, NoToken);
        sink.Add("v:pos", (float)vader.Positive, NoToken);
        if (vader.Compound <= -0.05)
        {
            sink.Add("v:negative", 1, NoToken);
        }
        else if (vader.Compound >= 0.05)
        {
            sink.Add("v:positive", 1, NoToken);
        }

        if (text.Contains('?', StringComparison.Ordinal))
        {
            sink.Add("p:?", 1, NoToken);
        }

        if (text.Contains('!', StringComparison.Ordinal))
        {
            sink.Add("p:!", 1, NoToken);
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

    /// <summary>Adapts the span sink to string callbacks, for training.</summary>
    private sealed class StringSink(Action<string, float, int> add) : IFeatureSink
    {
        public void Add(ReadOnlySpan<char> key, float value, int token) => add(key.ToString(), value, token);
    }
}
