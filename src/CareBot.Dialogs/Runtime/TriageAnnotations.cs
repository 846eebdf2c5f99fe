using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime;

/// <summary>What triage found in a message, as the dialog sees it (the Care triage fills it in).</summary>
/// <param name="Sentiment">The sentiment compound score, -1 (very negative) to 1 (very positive).</param>
/// <param name="SentimentLabel">negative, neutral or positive.</param>
/// <param name="Signals">The signals present, by name (complaint, shouting, urgency, churn, wantsHuman, wantsPrivacy, pii).</param>
/// <param name="Priority">The priority triage suggests.</param>
public sealed record TriageAnnotations(double Sentiment, string SentimentLabel, IReadOnlySet<string> Signals, Priority Priority)
{
    /// <summary>No signals, neutral sentiment, normal priority.</summary>
    public static TriageAnnotations None { get; } = new(0, "neutral", new HashSet<string>(StringComparer.OrdinalIgnoreCase), Priority.Normal);

    /// <summary>Whether a signal is present (case-insensitive).</summary>
    public bool Has(string signal) => Signals.Contains(signal) || Signals.Any(s => string.Equals(s, signal, StringComparison.OrdinalIgnoreCase));
}
