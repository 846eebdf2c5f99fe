namespace CareBot.Care.Triage.Vader;

/// <summary>Per-thread working arrays of <see cref="VaderScorer"/>, grown as needed and reused between texts.</summary>
internal sealed class VaderScratch
{
    private char[] text = new char[256];

    public int[] Starts { get; private set; } = new int[64];

    public int[] Lengths { get; private set; } = new int[64];

    public double[] Lexicon { get; private set; } = new double[64];

    public bool[] InLexicon { get; private set; } = new bool[64];

    public double[] Booster { get; private set; } = new double[64];

    public bool[] IsBoosterWord { get; private set; } = new bool[64];

    public bool[] Negation { get; private set; } = new bool[64];

    public bool[] Upper { get; private set; } = new bool[64];

    public double[] Sentiments { get; private set; } = new double[64];

    public char[] RentText(int minimumLength)
    {
        if (text.Length < minimumLength)
        {
            text = new char[minimumLength];
        }

        return text;
    }

    /// <summary>Grows the text buffer, keeping its contents.</summary>
    public char[] GrowText(int minimumLength)
    {
        var grown = new char[Math.Max(minimumLength, text.Length * 2)];
        text.CopyTo(grown, 0);
        text = grown;
        return text;
    }

    public void EnsureTokens(int count)
    {
        if (count <= Starts.Length)
        {
            return;
        }

        var size = Math.Max(count, Starts.Length * 2);
        Starts = Grow(Starts, size);
        Lengths = Grow(Lengths, size);
        Lexicon = new double[size];
        InLexicon = new bool[size];
        Booster = new double[size];
        IsBoosterWord = new bool[size];
        Negation = new bool[size];
        Upper = new bool[size];
        Sentiments = new double[size];
    }

    private static int[] Grow(int[] array, int size)
    {
        var grown = new int[size];
        array.CopyTo(grown, 0);
        return grown;
    }
}
