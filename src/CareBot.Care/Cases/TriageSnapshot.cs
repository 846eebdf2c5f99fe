using CareBot.Dialogs.Model;

namespace CareBot.Care.Cases;

/// <summary>What triage concluded about one customer message, kept on the case to show how the mood moved.</summary>
/// <param name="At">When the message was triaged.</param>
/// <param name="Compound">VADER compound score, -1 to 1.</param>
/// <param name="Label">The sentiment label (positive, neutral, negative, mixed).</param>
/// <param name="Signals">The signals that fired, e.g. <c>complaint</c>, <c>churn</c>, <c>wantsHuman</c> (the names scripts branch on).</param>
/// <param name="Priority">The priority triage gave the message.</param>
public sealed record TriageSnapshot(DateTimeOffset At, double Compound, string Label, IReadOnlyList<string> Signals, Priority Priority)
{
    /// <summary>The snapshot of the triage a dialog turn saw.</summary>
    public static TriageSnapshot From(CareBot.Dialogs.Runtime.TriageAnnotations annotations, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        return new TriageSnapshot(at, annotations.Sentiment, annotations.SentimentLabel, [.. annotations.Signals.Order(StringComparer.Ordinal)], annotations.Priority);
    }
}
