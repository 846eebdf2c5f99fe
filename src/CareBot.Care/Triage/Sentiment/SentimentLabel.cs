namespace CareBot.Care.Triage.Sentiment;

/// <summary>The overall sentiment of a text or sentence, as Azure AI Language labels it.</summary>
public enum SentimentLabel
{
    Neutral,
    Positive,
    Negative,

    /// <summary>Some sentences are positive and others negative.</summary>
    Mixed,
}
