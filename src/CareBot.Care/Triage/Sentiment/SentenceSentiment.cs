namespace CareBot.Care.Triage.Sentiment;

/// <summary>The sentiment of one sentence; <see cref="Offset"/> and <see cref="Length"/> count UTF-16 code units.</summary>
public sealed record SentenceSentiment(
    string Text,
    int Offset,
    int Length,
    SentimentLabel Label,
    SentimentConfidence Confidence);
