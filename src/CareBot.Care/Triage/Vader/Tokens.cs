namespace CareBot.Care.Triage.Vader;

/// <summary>A view of the words of one text as (start, length) pairs over the prepared text, without copying them.</summary>
internal readonly ref struct Tokens
{
    private readonly ReadOnlySpan<char> text;
    private readonly int[] starts;
    private readonly int[] lengths;

    public Tokens(ReadOnlySpan<char> text, int[] starts, int[] lengths, int count)
    {
        this.text = text;
        this.starts = starts;
        this.lengths = lengths;
        Count = count;
    }

    public int Count { get; }

    public ReadOnlySpan<char> this[int index] => text.Slice(starts[index], lengths[index]);

    /// <summary>True when word <paramref name="index"/> equals <paramref name="lowerCaseWord"/> ignoring case.</summary>
    public bool Is(int index, string lowerCaseWord) =>
        lengths[index] == lowerCaseWord.Length
        && text.Slice(starts[index], lengths[index]).Equals(lowerCaseWord, StringComparison.OrdinalIgnoreCase);
}
