namespace CareBot.Care.Triage.Sentiment;

/// <summary>Scores the sentiment of customer messages. Implementations: the embedded VADER and Azure AI Language.</summary>
public interface ISentimentAnalyzer
{
    Task<SentimentResult> AnalyzeAsync(string text, CancellationToken cancellationToken);

    /// <summary>Scores several texts; the results are in the order of <paramref name="texts"/>.</summary>
    Task<IReadOnlyList<SentimentResult>> AnalyzeBatchAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}
