using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Sentiment;
using CareBot.Care.Triage.Vader;

namespace CareBot.Care.Triage;

/// <summary>
/// Triages a message: sentiment from the configured analyzer, then the care signals of the cue file and the learned care
/// model, praise, question, language, personal data and the priority. Thread-safe; the cues and the model are loaded
/// once and shared.
/// </summary>
/// <remarks>
/// Complaint fires when a cue matches (precise, quoted) or when the model's complaint score reaches its threshold (the
/// model catches plain-worded complaints such as "Another delay. Wow" that no cue lists). Urgency fires on a cue, and
/// with <see cref="UrgencyModel"/> also on the model's urgency head (people stuck or out of time say so in words no
/// phrase list holds). Praise is the model's praise head (compliments) or a plain thank-you (<see cref="ThanksRule"/>),
/// never together with a complaint: "thanks for nothing" and "love you guys but my bag is lost" are complaints.
/// </remarks>
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
    private readonly CareModel model;
    private readonly int complaintHead;
    private readonly int praiseHead;
    private readonly int urgencyHead;
    private readonly IComplaintSecondStage? secondStage;

    // The words after a "but" are scored with VADER itself: the configured analyzer may be a remote service.
    private static readonly VaderScorer TailVader = new();

    /// <summary>Triage with the given cues and the care model shipped inside CareBot.Care.</summary>
    public TriageService(ISentimentAnalyzer analyzer, TriageCues cues)
        : this(analyzer, cues, CareModel.Embedded)
    {
    }

    public TriageService(ISentimentAnalyzer analyzer, TriageCues cues, CareModel model)
        : this(analyzer, cues, model, null)
    {
    }

    /// <summary>
    /// Triage whose complaint signal asks <paramref name="secondStage"/> (when given) where no cue matched and the care
    /// model is unsure; there the stage decides, elsewhere the care model does.
    /// </summary>
    public TriageService(ISentimentAnalyzer analyzer, TriageCues cues, CareModel model, IComplaintSecondStage? secondStage)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(cues);
        ArgumentNullException.ThrowIfNull(model);
        this.analyzer = analyzer;
        this.cues = cues;
        this.model = model;
        complaintHead = IndexOfHead(model, CareModel.ComplaintHead);
        praiseHead = IndexOfHead(model, CareModel.PraiseHead);
        urgencyHead = IndexOfHead(model, CareModel.UrgencyHead);
        masker = new PiiMasker(cues);
        this.secondStage = secondStage;
    }

    public TriageCues Cues => cues;

    /// <summary>Whether urgency also fires on the care model's urgency head (see <see cref="TriageOptions.UrgencyModel"/>); off by default.</summary>
    public bool UrgencyModel { get; init; }

    /// <summary>The personal-data masker of these cues (their order-number and address patterns).</summary>
    public PiiMasker Masker => masker;

    public async Task<TriageResult> TriageAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentiment = await analyzer.AnalyzeAsync(ReadableText.Of(text), cancellationToken).ConfigureAwait(false);
        return Triage(text, sentiment, cancellationToken);
    }

    /// <summary>
    /// Applies the signals, PII detection and priority to a text whose sentiment is known (the sentiment of the text's
    /// <see cref="ReadableText"/>: HTML character references decoded). Signals read the decoded text; personal data is
    /// found and masked in <paramref name="text"/> as received, so its offsets hold there.
    /// </summary>
    public TriageResult Triage(string text, SentimentResult sentiment) => Triage(text, sentiment, CancellationToken.None);

    /// <inheritdoc cref="Triage(string, SentimentResult)"/>
    public TriageResult Triage(string text, SentimentResult sentiment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sentiment);
        var compound = sentiment.Vader.Compound;
        var readable = ReadableText.Of(text);
        var head = readable.Length > MaxSignalText ? readable[..MaxSignalText] : readable;
        var scores = model.ScoreAll(head, sentiment.Vader);

        // One pass over the text tells which cue patterns could match at all; the others are not run.
        var candidates = cues.Prefilter?.Scan(head);
        // "hey" or "good morning" alone is neither a complaint nor praise, whatever the model makes of so few words.
        var greeting = GreetingRule.Evaluate(head);
        // Nor is "help" or "refund please" alone: only a complaint cue may still call it one.
        var bareRequest = RequestRule.Evaluate(head);
        // Nor is "no thanks, bye!" (the model: 0.84 on "bye" and "no"), which got "That sounds frustrating" after
        // "Is there anything else I can help with?".
        var closing = ClosingRule.Evaluate(head);
        var complaint = greeting.Detected ? TriageSignal.None : Complaint(head, compound, scores[complaintHead], scores[praiseHead], candidates, !bareRequest.Detected && !closing.Detected, cancellationToken);
        // Whether a complaint cue names a problem: the cues alone, run again (once) only for the few messages the spam or
        // suggestion rule fires on.
        bool? cueNamesProblem = null;
        bool CueNamesProblem() => cueNamesProblem ??= SignalDetector.Evaluate(cues.Complaint, head, compound, candidates, out _).Detected;
        // Someone else's promotion ("made $5,000 with Bitcoin, DM @crypto_king") is no complaint (nor an incident's), unless
        // a complaint cue names a problem in it ("I invested through your app and lost $500").
        var spam = SpamRule.Evaluate(head);
        if (spam.Detected && CueNamesProblem())
        {
            spam = TriageSignal.None;
        }
        else if (spam.Detected)
        {
            complaint = TriageSignal.None;
        }

        // A wish ("bring back the old logo", "wish you sold kids sizes") is no praise, and no suggestion when a complaint
        // cue names a problem in it.
        var suggestion = SuggestionRule.Evaluate(head);
        if (suggestion.Detected && complaint.Detected && CueNamesProblem())
        {
            suggestion = TriageSignal.None;
        }

        // Neither praise nor praise-then-problem can be what a greeting, a bare request, a wish or spam is.
        var otherKind = greeting.Detected || bareRequest.Detected || suggestion.Detected || spam.Detected;
        if (!complaint.Detected && !otherKind && scores[praiseHead].Detected)
        {
            complaint = PraiseThenProblem(head, candidates, cancellationToken);
        }

        var urgencyByCues = SignalDetector.Evaluate(cues.Urgency, head, compound, candidates, out var safety);
        var urgency = UrgencyModel ? WithModel(urgencyByCues, scores[urgencyHead], cues.Urgency, head, candidates) : urgencyByCues;
        var signals = new SignalSet(
            complaint,
            SignalDetector.Shouting(head, cues.Shouting, compound, complaint.Detected),
            urgency,
            SignalDetector.Evaluate(cues.Churn, head, compound, candidates, out _),
            SignalDetector.Evaluate(cues.WantsHuman, head, compound, candidates, out _),
            SignalDetector.Evaluate(cues.WantsPrivacy, head, compound, candidates, out _));
        var question = QuestionRule.Evaluate(head);
        var pii = masker.Find(text);
        // Praise never fires beside a safety risk ("someone collapsed ... staff were brilliant after") or on relief alone.
        var praiseMayFire = !complaint.Detected && !otherKind && !safety.Detected && !ReliefRule.Says(head);
        // A thank-you that gives an order number or an email ("thanks, my order is AB-123456") is giving details, not
        // saying goodbye.
        var thanks = praiseMayFire && !question.Detected && pii.Count == 0 ? ThanksRule.Evaluate(head) : TriageSignal.None;
        var praise = !praiseMayFire ? TriageSignal.None
            : scores[praiseHead].Detected ? new TriageSignal(true, [scores[praiseHead].Describe()])
            : thanks.Detected ? thanks
            : PraiseEmojiRule.Evaluate(head);
        var (priority, reason) = PriorityRule.Decide(signals, safety, praise, compound, pii.Count, cues.Priority);
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
            Safety = safety,
            Praise = praise,
            Thanks = thanks,
            Question = question,
            Greeting = greeting,
            Closing = closing,
            Request = complaint.Detected ? TriageSignal.None : bareRequest,
            // The complaint stays: the message is angry, and a wave of abuse still counts toward an incident.
            Abuse = AbuseRule.Evaluate(head),
            Suggestion = suggestion,
            Spam = spam,
            Language = LanguageIdentifier.Identify(head),
            Pii = pii,
            Masked = PiiMasker.Mask(text, pii),
            Priority = priority,
            PriorityReason = reason,
        };
    }

    private TriageSignal Complaint(
        string text, double compound, ModelScore score, ModelScore praise, CueCandidates? candidates, bool modelMayDecide, CancellationToken cancellationToken)
    {
        // VADER's word list reads slang praise as strongly negative ("you're killing it with this range", "no cap best
        // delivery ever"): when the care model, which learned how customers write, is sure of praise and finds no
        // complaint, the compound alone does not make one. A complaint cue still does.
        var vaderCounts = !(modelMayDecide && praise.Detected && !score.Detected);
        var byCues = SignalDetector.Evaluate(cues.Complaint, text, vaderCounts ? compound : null, candidates, out _);
        if (!modelMayDecide)
        {
            return byCues;
        }

        if (secondStage is not null && !byCues.Detected && secondStage.Decides(text, score.Probability))
        {
            // Only here, where no cue matched and the care model is unsure, is the slower stage's cost paid.
            if (SignalDetector.Vetoed(cues.Complaint, text, candidates))
            {
                return byCues;
            }

            if (secondStage.Judge(text, score.Probability, cancellationToken) is { } opinion)
            {
                return opinion.Complaint ? new TriageSignal(true, [opinion.Reason]) : byCues;
            }
        }

        return WithModel(byCues, score, cues.Complaint, text, candidates);
    }

    /// <summary>
    /// Praise, then a problem after a "but" (<see cref="PraiseThenProblemRule"/>): the words after the contrast are
    /// triaged for a complaint on their own, cues, care model and second stage alike.
    /// </summary>
    private TriageSignal PraiseThenProblem(string text, CueCandidates? candidates, CancellationToken cancellationToken)
    {
        // The cheap look for a "but" first: the waivers ("... but no complaints") are costlier regexes.
        if (!PraiseThenProblemRule.TryTail(text, out var contrast, out var tail) || SignalDetector.Vetoed(cues.Complaint, text, candidates))
        {
            return TriageSignal.None;
        }

        var vader = TailVader.Score(tail);
        var scores = model.ScoreAll(tail, vader);
        var complaint = Complaint(tail, vader.Compound, scores[complaintHead], scores[praiseHead], null, modelMayDecide: true, cancellationToken);
        return complaint.Detected && !scores[praiseHead].Detected
            ? new TriageSignal(true, [PraiseThenProblemRule.Reason(contrast, tail, complaint.Reasons)])
            : TriageSignal.None;
    }

    /// <summary>
    /// A signal that fires on its cues or on its model head: the head's reason ("model 0.81 (stuck +1.20, ...)") joins
    /// the cues' reasons. The cues' <c>unless</c> waiver vetoes the head too.
    /// </summary>
    private static TriageSignal WithModel(TriageSignal byCues, ModelScore score, SignalCues signalCues, string text, CueCandidates? candidates)
    {
        if (!score.Detected || SignalDetector.Vetoed(signalCues, text, candidates))
        {
            return byCues;
        }

        return new TriageSignal(true, [.. byCues.Reasons, score.Describe()]);
    }

    private static int IndexOfHead(CareModel model, string head)
    {
        var index = model.Heads.ToList().IndexOf(head);
        return index >= 0 ? index : throw new ArgumentException($"The care model has no '{head}' head; retrain it with tests/CareBot.Triage.Training.", nameof(model));
    }
}
