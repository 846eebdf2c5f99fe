using CareBot.Care.Triage.Vader;

namespace CareBot.Care.Triage.Sentiment;

/// <summary>
/// The embedded sentiment analyzer: VADER on the whole text and on each sentence, labelled with the usual VADER
/// thresholds (compound ≥ 0.05 positive, ≤ -0.05 negative) and "mixed" when sentences disagree.
/// </summary>
public sealed class VaderSentimentAnalyzer : ISentimentAnalyzer
{
    /// <summary>The provider name reported in <see cref="SentimentResult.Provider"/>.</summary>
    public const string ProviderName = "vader";

    private const double Threshold = 0.05;

    private readonly VaderScorer scorer;

    public VaderSentimentAnalyzer()
        : this(new VaderScorer())
    {
    }

    public VaderSentimentAnalyzer(VaderScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        this.scorer = scorer;
    }

    public Task<SentimentResult> AnalyzeAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Task.FromResult(Analyze(text));
    }

    public Task<IReadOnlyList<SentimentResult>> AnalyzeBatchAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var results = new SentimentResult[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[i] = Analyze(texts[i]);
        }

        return Task.FromResult<IReadOnlyList<SentimentResult>>(results);
    }

    /// <summary>Scores a text synchronously (VADER needs no I/O).</summary>
    public SentimentResult Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var whole = scorer.Score(text);
        var spans = SentenceSplitter.Split(text);
        var sentences = new List<SentenceSentiment>(spans.Count);
        var anyPositive = false;
        var anyNegative = false;
        foreach (var (offset, length) in spans)
        {
            var sentenceText = text.Substring(offset, length);
            var scores = spans.Count == 1 ? whole : scorer.Score(sentenceText);
            var label = LabelOf(scores);
            anyPositive |= label == SentimentLabel.Positive;
            anyNegative |= label == SentimentLabel.Negative;
            sentences.Add(new SentenceSentiment(sentenceText, offset, length, label, ConfidenceOf(scores)));
        }

        return new SentimentResult
        {
            Label = anyPositive && anyNegative ? SentimentLabel.Mixed : LabelOf(whole),
            Confidence = ConfidenceOf(whole),
            Sentences = sentences,
            Vader = whole,
            Provider = ProviderName,
        };
    }

    internal static SentimentLabel LabelOf(VaderScores scores) => scores.Compound switch
    {
        >= Threshold => SentimentLabel.Positive,
        <= -Threshold => SentimentLabel.Negative,
        _ => SentimentLabel.Neutral,
    };

    /// <summary>VADER's proportions serve as confidences; an empty text is fully neutral.</summary>
    internal static SentimentConfidence ConfidenceOf(VaderScores scores) =>
        scores.Negative + scores.Neutral + scores.Positive == 0
            ? new SentimentConfidence(0, 1, 0)
            : new SentimentConfidence(scores.Positive, scores.Neutral, scores.Negative);
}
