namespace CareBot.Care.Triage.Vader;

/// <summary>
/// VADER's four figures for one text: the proportions of negative, neutral and positive weight (each rounded to three
/// decimals, as the reference implementation does) and the normalized compound score in [-1, 1] (rounded to four).
/// </summary>
public readonly record struct VaderScores(double Negative, double Neutral, double Positive, double Compound)
{
    /// <summary>The scores of a text without words: all zero.</summary>
    public static VaderScores Empty => default;
}
