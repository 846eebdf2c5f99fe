using CareBot.Care.Triage.Vader;

namespace CareBot.Care.Triage.Sentiment;

/// <summary>
/// The sentiment of one text: Azure AI Language's shape (label, confidence, sentences with offsets) plus VADER's
/// neg / neu / pos / compound, which the embedded analyzer always supplies so rules can rely on them.
/// </summary>
public sealed record SentimentResult
{
    public required SentimentLabel Label { get; init; }

    public required SentimentConfidence Confidence { get; init; }

    public required IReadOnlyList<SentenceSentiment> Sentences { get; init; }

    /// <summary>VADER's scores for the whole text.</summary>
    public required VaderScores Vader { get; init; }

    /// <summary>Which analyzer produced the label: <c>vader</c> or <c>azure-language</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>Why the configured provider was not used (the embedded analyzer answered instead); null when it was.</summary>
    public string? Fallback { get; init; }

    /// <summary>Anything the provider reported that a reader should know (for example, a text was truncated).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
