namespace CareBot.Care.Triage.Sentiment;

/// <summary>Confidence per label, each 0..1 and summing to about 1 (Azure's confidenceScores).</summary>
public sealed record SentimentConfidence(double Positive, double Neutral, double Negative);
