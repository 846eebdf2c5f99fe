using CareBot.Care.Triage;
using CareBot.Dialogs.Model;

namespace CareBot.Care.Cases;

/// <summary>What triage concluded about one customer message, kept on the case to show how the mood moved.</summary>
/// <param name="At">When the message was triaged.</param>
/// <param name="Compound">VADER compound score, -1 to 1.</param>
/// <param name="Label">The sentiment label (positive, neutral, negative, mixed).</param>
/// <param name="Signals">The signals that fired, e.g. <c>complaint</c>, <c>churn</c>, <c>wants-human</c>.</param>
/// <param name="Priority">The priority triage gave the message.</param>
public sealed record TriageSnapshot(DateTimeOffset At, double Compound, string Label, IReadOnlyList<string> Signals, Priority Priority)
{
    /// <summary>The snapshot of a triage result: the signals that fired, by name, and the priority.</summary>
    public static TriageSnapshot From(TriageResult result, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(result);
        var signals = new List<string>();
        Add(signals, "complaint", result.Complaint);
        Add(signals, "shouting", result.Shouting);
        Add(signals, "urgency", result.Urgency);
        Add(signals, "churn", result.Churn);
        Add(signals, "wants-human", result.WantsHuman);
        Add(signals, "wants-privacy", result.WantsPrivacy);
        // Both priority enums share their order (low, normal, high, urgent).
        return new TriageSnapshot(at, result.Sentiment.Vader.Compound, result.Sentiment.Label.ToString().ToLowerInvariant(), signals, result.Priority);
    }

    /// <summary>The snapshot of the triage a dialog turn saw.</summary>
    public static TriageSnapshot From(CareBot.Dialogs.Runtime.TriageAnnotations annotations, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        return new TriageSnapshot(at, annotations.Sentiment, annotations.SentimentLabel, [.. annotations.Signals.Order(StringComparer.Ordinal)], annotations.Priority);
    }

    private static void Add(List<string> signals, string name, TriageSignal signal)
    {
        if (signal.Detected)
        {
            signals.Add(name);
        }
    }
}
