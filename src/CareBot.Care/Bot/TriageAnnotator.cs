using CareBot.Care.Triage;
using CareBot.Care.Triage.Sentiment;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;

namespace CareBot.Care.Bot;

/// <summary>
/// Plugs Care's triage into the dialog engine: a message's sentiment, care signals and priority become the annotations
/// the scripts branch on.
/// </summary>
public sealed class TriageAnnotator : ITurnAnnotator
{
    private readonly ITriageService triage;

    public TriageAnnotator(ITriageService triage) => this.triage = triage ?? throw new ArgumentNullException(nameof(triage));

    public async ValueTask<TriageAnnotations> AnnotateAsync(string text, CancellationToken cancellationToken)
    {
        var result = await triage.TriageAsync(text, cancellationToken).ConfigureAwait(false);
        return ToAnnotations(result);
    }

    /// <summary>Maps a triage result onto the dialog's view of it.</summary>
    public static TriageAnnotations ToAnnotations(TriageResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var signals = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        AddIf(signals, result.Complaint.Detected, SignalNames.Complaint);
        AddIf(signals, result.Shouting.Detected, SignalNames.Shouting);
        AddIf(signals, result.Urgency.Detected, SignalNames.Urgency);
        AddIf(signals, result.Churn.Detected, SignalNames.Churn);
        AddIf(signals, result.WantsHuman.Detected, SignalNames.WantsHuman);
        AddIf(signals, result.WantsPrivacy.Detected, SignalNames.WantsPrivacy);
        AddIf(signals, result.Safety.Detected, SignalNames.Safety);
        AddIf(signals, result.Pii.Count > 0, SignalNames.Pii);
        AddIf(signals, result.Pii.Any(span => span.Kind == PiiKind.Card), SignalNames.CardNumber);
        AddIf(signals, SecretRedactor.HasSecret(result.Text), SignalNames.Secret);
        AddIf(signals, result.Pii.Any(span => span.Kind is PiiKind.Email or PiiKind.Phone or PiiKind.Address), SignalNames.ContactDetails);
        AddIf(signals, result.Praise.Detected, SignalNames.Praise);
        AddIf(signals, result.Thanks.Detected, SignalNames.Thanks);
        AddIf(signals, result.Question.Detected, SignalNames.Question);
        AddIf(signals, result.Greeting.Detected, SignalNames.Greeting);
        AddIf(signals, result.Closing.Detected, SignalNames.Closing);
        AddIf(signals, result.Request.Detected, SignalNames.Request);
        AddIf(signals, result.Abuse.Detected, SignalNames.Abuse);
        AddIf(signals, result.Suggestion.Detected, SignalNames.Suggestion);
        AddIf(signals, result.Spam.Detected, SignalNames.Spam);
        return new TriageAnnotations(result.Sentiment.Vader.Compound, LabelOf(result.Sentiment.Label), signals, result.Priority)
        {
            Language = result.Language,
        };
    }

    private static void AddIf(HashSet<string> signals, bool detected, string name)
    {
        if (detected)
        {
            signals.Add(name);
        }
    }

    private static string LabelOf(SentimentLabel label) => label switch
    {
        SentimentLabel.Positive => "positive",
        SentimentLabel.Negative => "negative",
        SentimentLabel.Mixed => "mixed",
        _ => "neutral",
    };
}
