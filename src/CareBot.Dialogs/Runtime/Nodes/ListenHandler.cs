using CareBot.Dialogs.Capture;
using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>Listen: acknowledge each message with a reflective variant until a done word or the message limit.</summary>
public sealed class ListenHandler : IWaitingNodeHandler<ListenNode>
{
    /// <summary>"order AB-123456, please hurry": a detail with at most this many other words is not a story.</summary>
    private const int MaxWordsAroundADetail = 2;

    /// <summary>A message ending the listening with at least this many words says more than the done word.</summary>
    private const int MinWordsBesideDone = 6;

    /// <summary>VADER's usual line for a negative message: a compound score at or below it is upset.</summary>
    private const double NegativeSentiment = -0.05;

    /// <summary>
    /// A whole message that says there is nothing more: the answer to "Anything else I should know?", not more of the
    /// story to pity ("no" got "That sounds really frustrating"). Whole messages only: "no one called me back" is a story.
    /// </summary>
    private static readonly string[] NothingMore = ["no", "n", "nope", "nah", "no thanks", "no thank you", "not really", "nothing", "no nothing", "none"];

    /// <inheritdoc />
    public NodeOutcome Enter(ListenNode node, NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        return new WaitOutcome(Attempts: 0, Heard: 0) { Replies = context.Pick(node.Prompt) };
    }

    /// <inheritdoc />
    public NodeOutcome Receive(ListenNode node, NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Input.Text ?? string.Empty;
        var done = TextMatch.ContainsAnyPhrase(text, node.DoneWords) || NothingMore.Contains(TextMatch.Normalize(text));
        var interrupt = done ? null : ConditionEvaluator.FirstThatHolds(node.Interrupts, context);
        var captures = new Dictionary<string, CapturedValue>();
        if ((!done || SaysMoreThanDone(text)) && node.CaptureName is { } name)
        {
            var story = context.State.Captured.GetValueOrDefault(name)?.Text;
            captures[name] = new CapturedValue(CaptureType.Text, StoryLines.Add(story, text.Trim()));
        }

        // Values mentioned while venting are kept (silently) unless already known, so nobody asks for them again.
        var (found, rest) = SpottedValues.Keep(node.SpotCaptures, text, context.State, captures);
        if (interrupt is not null)
        {
            return new GoToOutcome(interrupt.Goto.Target) { Captures = captures }; // kept with the story, not acknowledged
        }

        var heard = context.State.Heard + (done ? 0 : 1);
        if (done || heard >= node.MaxMessages)
        {
            return node.Next is null ? new EndOutcome { Captures = captures } : new GoToOutcome(node.Next.Target) { Captures = captures };
        }

        var onlyADetail = found.Count > 0 && node.NotedReplies.Count > 0 && DetailWords.Beside(rest) <= MaxWordsAroundADetail;
        var replies = onlyADetail ? node.NotedReplies
            : node.CalmAcknowledgements.Count > 0 && !IsUpset(context.Input.Triage) ? node.CalmAcknowledgements
            : node.Acknowledge;
        return new WaitOutcome(Attempts: 0, heard) { Replies = context.Pick(replies, heard - 1), Captures = captures };
    }

    /// <summary>
    /// Whether the message sounds upset: negative, shouted, time-critical or unsafe. "I hear you. That really isn't the
    /// experience we want you to have." answered "iphone 13, latest update" and "because I'm moving abroad". The
    /// complaint signal is not asked: on a short follow-up inside a complaint the care model calls nearly anything one
    /// ("iphone 13, latest update" scored 0.70).
    /// </summary>
    private static bool IsUpset(TriageAnnotations triage) =>
        triage.Sentiment <= NegativeSentiment
        || triage.Has(SignalNames.Shouting) || triage.Has(SignalNames.Urgency) || triage.Has(SignalNames.Safety);

    /// <summary>
    /// "that's all. when will the money actually be back on my card?": the done word ends the listening, and the rest is
    /// still the story the team reads (the question was lost). "that's all" or "no that's everything" alone is not.
    /// </summary>
    private static bool SaysMoreThanDone(string text) => TextMatch.WordCount(text) >= MinWordsBesideDone;
}
