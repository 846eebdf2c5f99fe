namespace CareBot.Care.Triage.Model;

/// <summary>
/// What one head of the care model thinks of a message: the probability, whether it reaches the head's threshold, and
/// the words that pushed the score up most (each with its summed weight; only when it reaches the threshold), for reasons a person can read.
/// </summary>
public sealed record ModelScore(double Probability, bool Detected, IReadOnlyList<(string Word, double Weight)> TopWords)
{
    /// <summary>Reads as "model 0.91 (delay +1.20, another +0.80)".</summary>
    public string Describe()
    {
        var words = string.Join(", ", TopWords.Select(w => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{w.Word} {w.Weight:+0.00;-0.00}")));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"model {Probability:0.00}") + (words.Length > 0 ? $" ({words})" : string.Empty);
    }
}
