using System.Buffers;
using System.Text;

namespace CareBot.Care.Triage.Vader;

/// <summary>
/// A faithful C# implementation of the VADER sentiment algorithm (Hutto &amp; Gilbert, ICWSM 2014): it reproduces the
/// reference implementation's scores, including its quirks, because the published accuracy figures depend on them.
/// Thread-safe; scoring allocates nothing for ordinary texts (per-thread scratch buffers are reused).
/// </summary>
public sealed class VaderScorer
{
    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static readonly SearchValues<char> PunctuationValues = SearchValues.Create(Punctuation);

    [ThreadStatic]
    private static VaderScratch? scratch;

    private readonly VaderLexicon lexicon;

    /// <summary>Creates a scorer over the embedded lexicons (loaded once per process).</summary>
    public VaderScorer()
        : this(VaderLexicon.Default)
    {
    }

    internal VaderScorer(VaderLexicon lexicon)
    {
        this.lexicon = lexicon;
    }

    /// <summary>Scores one text (a sentence or a short message works best).</summary>
    public VaderScores Score(ReadOnlySpan<char> text)
    {
        var s = scratch ??= new VaderScratch();
        var prepared = ReplaceEmoji(text, s);
        prepared = TrimPythonWhitespace(prepared);
        var count = Tokenize(prepared, s);
        if (count == 0)
        {
            return VaderScores.Empty;
        }

        var tokens = new Tokens(prepared, s.Starts, s.Lengths, count);
        Classify(tokens, s);
        var capsDiffer = CapitalsDiffer(s.Upper, count);
        var sentiments = s.Sentiments;

        for (var i = 0; i < count; i++)
        {
            // Degree words and "kind of" modify their neighbour; they carry no valence of their own.
            if (s.Booster[i] != 0 || s.IsBoosterWord[i]
                || (i < count - 1 && tokens.Is(i, "kind") && tokens.Is(i + 1, "of")))
            {
                sentiments[i] = 0;
                continue;
            }

            sentiments[i] = s.InLexicon[i] ? Valence(tokens, s, i, capsDiffer) : 0;
        }

        ApplyBut(tokens, sentiments, count);
        return Summarize(sentiments, count, prepared);
    }

    /// <summary>Scores one text.</summary>
    public VaderScores Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Score(text.AsSpan());
    }

    private static double Valence(Tokens tokens, VaderScratch s, int i, bool capsDiffer)
    {
        var count = tokens.Count;
        var valence = s.Lexicon[i];

        // "no" directly before another sentiment word negates it instead of counting as a negative word itself.
        if (tokens.Is(i, "no") && i != count - 1 && s.InLexicon[i + 1])
        {
            valence = 0.0;
        }

        if ((i > 0 && tokens.Is(i - 1, "no"))
            || (i > 1 && tokens.Is(i - 2, "no"))
            || (i > 2 && tokens.Is(i - 3, "no") && (tokens.Is(i - 1, "or") || tokens.Is(i - 1, "nor"))))
        {
            valence = s.Lexicon[i] * VaderRules.NegationScalar;
        }

        if (s.Upper[i] && capsDiffer)
        {
            valence += valence > 0 ? VaderRules.CapsIncrement : -VaderRules.CapsIncrement;
        }

        for (var distance = 0; distance < 3; distance++)
        {
            var j = i - (distance + 1);
            if (i <= distance || s.InLexicon[j])
            {
                continue;
            }

            var scalar = Scalar(s, j, valence, capsDiffer);
            if (distance == 1 && scalar != 0)
            {
                scalar *= 0.95;
            }
            else if (distance == 2 && scalar != 0)
            {
                scalar *= 0.9;
            }

            valence += scalar;
            valence = NegationCheck(tokens, s, valence, distance, i);
            if (distance == 2)
            {
                valence = IdiomCheck(tokens, valence, i);
            }
        }

        return LeastCheck(tokens, s, valence, i);
    }

    private static double Scalar(VaderScratch s, int j, double valence, bool capsDiffer)
    {
        var scalar = s.Booster[j];
        if (scalar == 0)
        {
            return 0;
        }

        if (valence < 0)
        {
            scalar = -scalar;
        }

        if (s.Upper[j] && capsDiffer)
        {
            scalar += valence > 0 ? VaderRules.CapsIncrement : -VaderRules.CapsIncrement;
        }

        return scalar;
    }

    private static double NegationCheck(Tokens tokens, VaderScratch s, double valence, int distance, int i)
    {
        switch (distance)
        {
            case 0:
                return s.Negation[i - 1] ? valence * VaderRules.NegationScalar : valence;
            case 1:
                if (tokens.Is(i - 2, "never") && (tokens.Is(i - 1, "so") || tokens.Is(i - 1, "this")))
                {
                    return valence * 1.25;
                }

                if (tokens.Is(i - 2, "without") && tokens.Is(i - 1, "doubt"))
                {
                    return valence;
                }

                return s.Negation[i - 2] ? valence * VaderRules.NegationScalar : valence;
            default:
                // The reference groups this as (never and so/this two back) or (so/this just before): kept as is.
                if ((tokens.Is(i - 3, "never") && (tokens.Is(i - 2, "so") || tokens.Is(i - 2, "this")))
                    || tokens.Is(i - 1, "so") || tokens.Is(i - 1, "this"))
                {
                    return valence * 1.25;
                }

                if (tokens.Is(i - 3, "without") && (tokens.Is(i - 2, "doubt") || tokens.Is(i - 1, "doubt")))
                {
                    return valence;
                }

                return s.Negation[i - 3] ? valence * VaderRules.NegationScalar : valence;
        }
    }

    private static double IdiomCheck(Tokens tokens, double valence, int i)
    {
        // Sequences ending at or just before the word, in the reference's order; the first idiom found wins.
        ReadOnlySpan<(int Start, int Length)> before = [(i - 1, 2), (i - 2, 3), (i - 2, 2), (i - 3, 3), (i - 3, 2)];
        foreach (var (start, length) in before)
        {
            if (TryMatchSpecialCase(tokens, start, length, out var value))
            {
                valence = value;
                break;
            }
        }

        if (tokens.Count - 1 > i && TryMatchSpecialCase(tokens, i, 2, out var after))
        {
            valence = after;
        }

        if (tokens.Count - 1 > i + 1 && TryMatchSpecialCase(tokens, i, 3, out var after3))
        {
            valence = after3;
        }

        // Two-word dampeners ("kind of", "sort of") three-two and two-one words back.
        foreach (var (first, second, value) in VaderRules.BoosterBigrams)
        {
            if (tokens.Is(i - 3, first) && tokens.Is(i - 2, second))
            {
                valence += value;
            }

            if (tokens.Is(i - 2, first) && tokens.Is(i - 1, second))
            {
                valence += value;
            }
        }

        return valence;
    }

    private static bool TryMatchSpecialCase(Tokens tokens, int start, int length, out double value)
    {
        foreach (var (words, caseValue) in VaderRules.SpecialCases)
        {
            if (words.Length != length)
            {
                continue;
            }

            var match = true;
            for (var k = 0; k < length && match; k++)
            {
                match = tokens.Is(start + k, words[k]);
            }

            if (match)
            {
                value = caseValue;
                return true;
            }
        }

        value = 0;
        return false;
    }

    private static double LeastCheck(Tokens tokens, VaderScratch s, double valence, int i)
    {
        if (i > 1 && !s.InLexicon[i - 1] && tokens.Is(i - 1, "least"))
        {
            if (!tokens.Is(i - 2, "at") && !tokens.Is(i - 2, "very"))
            {
                valence *= VaderRules.NegationScalar;
            }
        }
        else if (i > 0 && !s.InLexicon[i - 1] && tokens.Is(i - 1, "least"))
        {
            valence *= VaderRules.NegationScalar;
        }

        return valence;
    }

    /// <summary>
    /// "but" halves what comes before it and raises what follows by half. The reference finds each value's position
    /// with list.index (the first equal value), so repeated values are adjusted at their first occurrence; replicated.
    /// </summary>
    private static void ApplyBut(Tokens tokens, double[] sentiments, int count)
    {
        var but = -1;
        for (var i = 0; i < count; i++)
        {
            if (tokens.Is(i, "but"))
            {
                but = i;
                break;
            }
        }

        if (but < 0)
        {
            return;
        }

        for (var k = 0; k < count; k++)
        {
            var value = sentiments[k];
            var first = Array.IndexOf(sentiments, value, 0, count);
            if (first < 0)
            {
                // NaN never equals itself; the reference would raise. Valences are never NaN.
                continue;
            }

            if (first < but)
            {
                sentiments[first] = value * 0.5;
            }
            else if (first > but)
            {
                sentiments[first] = value * 1.5;
            }
        }
    }

    private static VaderScores Summarize(double[] sentiments, int count, ReadOnlySpan<char> text)
    {
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += sentiments[i];
        }

        var emphasis = PunctuationEmphasis(text);
        if (sum > 0)
        {
            sum += emphasis;
        }
        else if (sum < 0)
        {
            sum -= emphasis;
        }

        var compound = Normalize(sum);

        var positive = 0.0;
        var negative = 0.0;
        var neutral = 0;
        for (var i = 0; i < count; i++)
        {
            var value = sentiments[i];
            if (value > 0)
            {
                positive += value + 1; // the +1 and -1 compensate for neutral words counting as 1
            }
            else if (value < 0)
            {
                negative += value - 1;
            }
            else
            {
                neutral++;
            }
        }

        if (positive > Math.Abs(negative))
        {
            positive += emphasis;
        }
        else if (positive < Math.Abs(negative))
        {
            negative -= emphasis;
        }

        var total = positive + Math.Abs(negative) + neutral;
        return new VaderScores(
            Round(Math.Abs(negative / total), 3),
            Round(Math.Abs(neutral / total), 3),
            Round(Math.Abs(positive / total), 3),
            Round(compound, 4));
    }

    private static double PunctuationEmphasis(ReadOnlySpan<char> text)
    {
        var exclamations = text.Count('!');
        var questions = text.Count('?');
        var emphasis = Math.Min(exclamations, VaderRules.MaxExclamations) * VaderRules.ExclamationIncrement;
        if (questions > 1)
        {
            emphasis += questions <= 3 ? questions * VaderRules.QuestionIncrement : VaderRules.ManyQuestionsIncrement;
        }

        return emphasis;
    }

    private static double Normalize(double score)
    {
        var normalized = score / Math.Sqrt((score * score) + VaderRules.NormalizationAlpha);
        return Math.Clamp(normalized, -1.0, 1.0);
    }

    /// <summary>
    /// Rounds like the reference's round(): correctly, on the exact binary value, ties to even. value * scale can land
    /// on an exact .5 while the true product is a hair above or below it; the fused multiply-add recovers that residue.
    /// </summary>
    private static double Round(double value, int digits)
    {
        var scale = digits == 3 ? 1000.0 : 10000.0;
        var scaled = value * scale;
        var rounded = Math.Round(scaled, MidpointRounding.ToEven);
        if (Math.Abs(scaled - rounded) == 0.5)
        {
            var residue = Math.FusedMultiplyAdd(value, scale, -scaled);
            if (residue > 0)
            {
                rounded = Math.Floor(scaled) + 1;
            }
            else if (residue < 0)
            {
                rounded = Math.Floor(scaled);
            }
        }

        return rounded / scale;
    }

    /// <summary>Replaces every emoji code point by its description, spaced from the word before it.</summary>
    private ReadOnlySpan<char> ReplaceEmoji(ReadOnlySpan<char> text, VaderScratch s)
    {
        var firstNonAscii = text.IndexOfAnyExceptInRange((char)0, (char)0x7F);
        if (firstNonAscii < 0)
        {
            return text;
        }

        var emoji = lexicon.Emoji;

        // Most texts with non-ASCII characters (curly quotes, accents) have no emoji: look before copying anything.
        var firstEmoji = -1;
        var probe = firstNonAscii;
        while (probe < text.Length)
        {
            if (Rune.DecodeFromUtf16(text[probe..], out var candidate, out var candidateWidth) == OperationStatus.Done
                && emoji.ContainsKey(candidate.Value))
            {
                firstEmoji = probe;
                break;
            }

            probe += Math.Max(1, candidateWidth);
            var nextNonAscii = text[probe..].IndexOfAnyExceptInRange((char)0, (char)0x7F);
            if (nextNonAscii < 0)
            {
                break;
            }

            probe += nextNonAscii;
        }

        if (firstEmoji < 0)
        {
            return text;
        }

        var buffer = s.RentText(text.Length * 2);
        text[..firstEmoji].CopyTo(buffer);
        var length = firstEmoji;
        var previousSpace = firstEmoji == 0 || text[firstEmoji - 1] == ' ';
        var replaced = false;
        var index = firstEmoji;
        while (index < text.Length)
        {
            var c = text[index];
            if (c < 0x80)
            {
                length = Append(ref buffer, length, c, s);
                previousSpace = c == ' ';
                index++;
                continue;
            }

            int codePoint;
            int width;
            if (Rune.DecodeFromUtf16(text[index..], out var rune, out width) == OperationStatus.Done)
            {
                codePoint = rune.Value;
            }
            else
            {
                codePoint = c;
                width = 1;
            }

            if (emoji.TryGetValue(codePoint, out var description))
            {
                if (!previousSpace)
                {
                    length = Append(ref buffer, length, ' ', s);
                }

                foreach (var d in description)
                {
                    length = Append(ref buffer, length, d, s);
                }

                previousSpace = false;
                replaced = true;
            }
            else
            {
                for (var k = 0; k < width; k++)
                {
                    length = Append(ref buffer, length, text[index + k], s);
                }

                previousSpace = false;
            }

            index += width;
        }

        return replaced ? buffer.AsSpan(0, length) : text;
    }

    private static int Append(ref char[] buffer, int length, char c, VaderScratch s)
    {
        if (length == buffer.Length)
        {
            buffer = s.GrowText(length * 2);
        }

        buffer[length] = c;
        return length + 1;
    }

    private static ReadOnlySpan<char> TrimPythonWhitespace(ReadOnlySpan<char> text)
    {
        var start = 0;
        while (start < text.Length && IsPythonWhitespace(text[start]))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && IsPythonWhitespace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>Python's str.split() whitespace, which differs from char.IsWhiteSpace (it includes U+001C..U+001F).</summary>
    private static bool IsPythonWhitespace(char c) => c switch
    {
        ' ' or '\t' or '\n' or '\v' or '\f' or '\r' => true,
        < '\x1C' => false,
        <= '\x1F' => true,
        < '\x85' => false,
        _ => c == '\x85' || char.IsWhiteSpace(c),
    };

    /// <summary>Splits on whitespace and strips ASCII punctuation from word edges unless that leaves two characters or fewer.</summary>
    private static int Tokenize(ReadOnlySpan<char> text, VaderScratch s)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && IsPythonWhitespace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var start = i;
            while (i < text.Length && !IsPythonWhitespace(text[i]))
            {
                i++;
            }

            var end = i;
            var innerStart = start;
            var innerEnd = end;
            while (innerStart < innerEnd && PunctuationValues.Contains(text[innerStart]))
            {
                innerStart++;
            }

            while (innerEnd > innerStart && PunctuationValues.Contains(text[innerEnd - 1]))
            {
                innerEnd--;
            }

            // Two code points or fewer left: probably an emoticon such as ":)", so the original token is kept.
            var innerLength = innerEnd - innerStart;
            if (innerLength > 4 || (innerLength > 2 && CodePointCount(text[innerStart..innerEnd]) > 2))
            {
                start = innerStart;
                end = innerEnd;
            }

            s.EnsureTokens(count + 1);
            s.Starts[count] = start;
            s.Lengths[count] = end - start;
            count++;
        }

        return count;
    }

    private static int CodePointCount(ReadOnlySpan<char> span)
    {
        var count = span.Length;
        foreach (var c in span)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        return count;
    }

    private void Classify(Tokens tokens, VaderScratch s)
    {
        var lookup = lexicon.WordLookup;
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i];
            lookup.TryGetValue(word, out var known);
            s.InLexicon[i] = known.InLexicon;
            s.Lexicon[i] = known.Valence;
            s.IsBoosterWord[i] = known.IsBooster;
            s.Booster[i] = known.Booster;
            s.Negation[i] = known.IsNegation || ContainsNt(word);
            s.Upper[i] = IsPythonUpper(word);
        }
    }

    /// <summary>Any word containing "n't" (case-insensitively) counts as a negation.</summary>
    private static bool ContainsNt(ReadOnlySpan<char> word)
    {
        var apostrophe = word.IndexOf('\'');
        while (apostrophe >= 0)
        {
            if (apostrophe > 0 && apostrophe + 1 < word.Length && (word[apostrophe - 1] | 0x20) == 'n' && (word[apostrophe + 1] | 0x20) == 't')
            {
                return true;
            }

            var next = word[(apostrophe + 1)..].IndexOf('\'');
            apostrophe = next < 0 ? -1 : apostrophe + 1 + next;
        }

        return false;
    }

    /// <summary>Python's str.isupper(): at least one cased character and no lower-case one.</summary>
    private static bool IsPythonUpper(ReadOnlySpan<char> word)
    {
        var cased = false;
        foreach (var c in word)
        {
            if (char.IsAscii(c))
            {
                if (char.IsAsciiLetterLower(c))
                {
                    return false;
                }

                cased |= char.IsAsciiLetterUpper(c);
                continue;
            }

            if (char.IsLower(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.TitlecaseLetter)
            {
                return false;
            }

            cased |= char.IsUpper(c);
        }

        return cased;
    }

    /// <summary>True when some words, but not all, are in capitals: only then do capitals add emphasis.</summary>
    private static bool CapitalsDiffer(bool[] upper, int count)
    {
        var capitals = 0;
        for (var i = 0; i < count; i++)
        {
            if (upper[i])
            {
                capitals++;
            }
        }

        var others = count - capitals;
        return others > 0 && others < count;
    }
}
