using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Care.Triage;

/// <summary>
/// Triages a message: sentiment from the configured analyzer, then the care signals of the cue file, personal data and
/// the priority. Thread-safe; the cues are loaded once and shared.
/// </summary>
public sealed class TriageService : ITriageService
{
    /// <summary>
    /// Cues are matched against the first this-many characters. Customer messages are far shorter; the cap keeps a
    /// pasted log or novel from costing seconds of regex time (PII is still searched in the whole text).
    /// </summary>
    internal const int MaxSignalText = 5000;

    private readonly ISentimentAnalyzer analyzer;
    private readonly TriageCues cues;
    private readonly PiiMasker masker;

    public TriageService(ISentimentAnalyzer analyzer, TriageCues cues)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(cues);
        this.analyzer = analyzer;
        this.cues = cues;
        masker = new PiiMasker(cues);
    }

    public TriageCues Cues => cues;

    public async Task<TriageResult> TriageAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentiment = await analyzer.AnalyzeAsync(text, cancellationToken).ConfigureAwait(false);
        return Triage(text, sentiment);
    }

    /// <summary>Applies the signals, PII detection and priority to a text whose sentiment is known.</summary>
    public TriageResult Triage(string text, SentimentResult sentiment)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sentiment);
        var compound = sentiment.Vader.Compound;
        var head = text.Length > MaxSignalText ? text[..MaxSignalText] : text;
        var complaint = SignalDetector.Evaluate(cues.Complaint, head, compound, out _);
        var urgency = SignalDetector.Evaluate(cues.Urgency, head, compound, out var urgentCue);
        var signals = new SignalSet(
            complaint,
            SignalDetector.Shouting(head, cues.Shouting, compound, complaint.Detected),
            urgency,
            SignalDetector.Evaluate(cues.Churn, head, compound, out _),
            SignalDetector.Evaluate(cues.WantsHuman, head, compound, out _),
            SignalDetector.Evaluate(cues.WantsPrivacy, head, compound, out _));
        var pii = masker.Find(text);
        var (priority, reason) = PriorityRule.Decide(signals, urgentCue, compound, pii.Count, cues.Priority);
        return new TriageResult
        {
            Text = text,
            Sentiment = sentiment,
            Complaint = signals.Complaint,
            Shouting = signals.Shouting,
            Urgency = signals.Urgency,
            Churn = signals.Churn,
            WantsHuman = signals.WantsHuman,
            WantsPrivacy = signals.WantsPrivacy,
            Pii = pii,
            Masked = PiiMasker.Mask(text, pii),
            Priority = priority,
            PriorityReason = reason,
        };
    }
}
