namespace CareBot.Care.Triage.Model;

/// <summary>
/// The normalised words of one message, stored in reusable arrays (one buffer per thread when scoring, so a message
/// costs no allocation), and the scratch space in which feature keys are built.
/// </summary>
internal sealed class TokenBuffer
{
    private char[] chars = new char[256];
    private int[] starts = new int[64];
    private int[] lengths = new int[64];
    private char[] key = new char[128];
    private int length;
    private int wordStart = -1;

    public int Count { get; private set; }

    public bool InWord => wordStart >= 0;

    public void Reset(int textLength)
    {
        var needed = Math.Min(textLength, TextFeatures.MaxChars) + 1;
        if (chars.Length < needed)
        {
            chars = new char[needed];
        }

        length = 0;
        Count = 0;
        wordStart = -1;
    }

    /// <summary>Adds a letter, lower-cased; a third repeat of the same letter is dropped ("soooo" → "soo").</summary>
    public void AppendLetter(char c)
    {
        BeginWord();
        var lower = char.ToLowerInvariant(c);
        if (length - wordStart >= 2 && chars[length - 1] == lower && chars[length - 2] == lower)
        {
            return;
        }

        chars[length++] = lower;
    }

    /// <summary>Adds a digit: a run of digits is one '0'.</summary>
    public void AppendDigit()
    {
        BeginWord();
        if (length == wordStart || chars[length - 1] != '0')
        {
            chars[length++] = '0';
        }
    }

    /// <summary>An emoji or symbol is a word of its own.</summary>
    public void AddSymbol(ReadOnlySpan<char> symbol)
    {
        EndWord();
        wordStart = length;
        symbol.CopyTo(chars.AsSpan(length));
        length += symbol.Length;
        EndWord();
    }

    public void EndWord()
    {
        if (wordStart < 0)
        {
            return;
        }

        if (Count == starts.Length)
        {
            Array.Resize(ref starts, Count * 2);
            Array.Resize(ref lengths, Count * 2);
        }

        starts[Count] = wordStart;
        lengths[Count] = length - wordStart;
        Count++;
        wordStart = -1;
    }

    public ReadOnlySpan<char> TokenSpan(int token) => chars.AsSpan(starts[token], lengths[token]);

    public string Token(int token) => TokenSpan(token).ToString();

    /// <summary>prefix + word, in the key buffer.</summary>
    public ReadOnlySpan<char> Key(string prefix, ReadOnlySpan<char> word)
    {
        var needed = prefix.Length + word.Length;
        EnsureKey(needed);
        prefix.CopyTo(key);
        word.CopyTo(key.AsSpan(prefix.Length));
        return key.AsSpan(0, needed);
    }

    /// <summary>prefix + first + ' ' + second, in the key buffer.</summary>
    public ReadOnlySpan<char> Key(string prefix, ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        var needed = prefix.Length + first.Length + 1 + second.Length;
        EnsureKey(needed);
        prefix.CopyTo(key);
        first.CopyTo(key.AsSpan(prefix.Length));
        key[prefix.Length + first.Length] = ' ';
        second.CopyTo(key.AsSpan(prefix.Length + first.Length + 1));
        return key.AsSpan(0, needed);
    }

    /// <summary>"c:" + the three characters of "&lt;word&gt;" starting at <paramref name="k"/> (-1 is the '&lt;').</summary>
    public ReadOnlySpan<char> Trigram(ReadOnlySpan<char> word, int k)
    {
        key[0] = 'c';
        key[1] = ':';
        for (var j = 0; j < 3; j++)
        {
            var p = k + j;
            key[2 + j] = p < 0 ? '<' : p >= word.Length ? '>' : word[p];
        }

        return key.AsSpan(0, 5);
    }

    private void BeginWord()
    {
        if (wordStart < 0)
        {
            wordStart = length;
        }
    }

    private void EnsureKey(int needed)
    {
        if (key.Length < needed)
        {
            key = new char[needed * 2];
        }
    }
}
