using System.Text.RegularExpressions;
using CareBot.Dialogs.Capture;
using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>Ask: prompt (unless already captured), then accept a typed answer, retry, or fall back.</summary>
public sealed partial class AskHandler : IWaitingNodeHandler<AskNode>
{
    /// <summary>An answer with at least this many words besides the answer (or the refusal) says more than it.</summary>
    private const int MinWordsBesideTheAnswer = 3;

    /// <inheritdoc />
    public NodeOutcome Enter(AskNode node, NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);

        // The customer already told us (e.g. an order number in their first message), or already passed on this
        // question in another dialog ("I don't have one" to "What's your order number?"): don't ask again.
        var name = node.Capture.Name;
        if (node.SkipIfCaptured && (context.State.Captured.ContainsKey(name) || context.State.Declined.Contains(name)) && node.Next is not null)
        {
            return new GoToOutcome(node.Next.Target);
        }

        return new WaitOutcome(Attempts: 0, Heard: 0) { Replies = context.Pick(node.Prompt) };
    }

    /// <inheritdoc />
    public NodeOutcome Receive(AskNode node, NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        var answer = context.Input.Text ?? string.Empty;
        var onward = node.Fallback ?? node.Next;

        // Whatever happens to the answer, other details in it are kept: "I don't have it, my email is sam@example.com"
        // declines the order number and answers the next question.
        var captures = new Dictionary<string, CapturedValue>();
        if (CaptureParser.TryAccept(node.Capture, answer, out var value) && !GivenAsExample(node, value))
        {
            captures[node.Capture.Name] = value;
            var (_, besides) = SpottedValues.Keep(node.SpotCaptures, answer, context.State, captures);
            // "AB-123456, and the driver swore at my daughter". An answer the parser rewrote ("sam at gmail dot com") is
            // only the answer.
            var index = besides.IndexOf(value.Text, StringComparison.OrdinalIgnoreCase);
            AddRest(node, context, index < 0 ? string.Empty : besides.Remove(index, value.Text.Length), captures);
            IReadOnlyList<DialogEffect> effects = value.Type == CaptureType.Rating ? [new RecordRatingEffect((int)value.Number!.Value)] : [];
            return node.Next is null
                ? new EndOutcome { Captures = captures, Effects = effects }
                : new GoToOutcome(node.Next.Target) { Captures = captures, Effects = effects };
        }

        var (found, rest) = SpottedValues.Keep(node.SpotCaptures, answer, context.State, captures);
        IReadOnlyList<string> passedOn = [node.Capture.Name];

        // "12345678" to the order number is a mistyped order number: kept as a phone number, the bot told the customer
        // "our team will use the phone number you gave us". Only "or call me on ..." gives one at such a question.
        foreach (var mistyped in found.Where(spec => !AnswersInstead(spec.Type, node.Capture.Type) && !CaptureParser.SaysPhone(answer)))
        {
            captures.Remove(mistyped.Name);
        }

        // An interrupt for a value the message holds (mentions:) or for danger comes before the refusal words: "wait no,
        // that's my old one. it's AB-229140" at the email question gives a corrected order number; its "no" declined the
        // email. "no. and now there's a smell of gas" is danger first.
        if (ConditionEvaluator.FirstThatHolds(node.FirstInterrupts, context) is { } firstInterrupt)
        {
            return new GoToOutcome(firstInterrupt.Goto.Target) { Captures = captures };
        }

        // Checked after accepting, so "no, it's AB-123456" is an answer rather than a refusal. "No one answers the
        // phone" is not a "no": it was taken as declining the question and the complaint got "No problem".
        if (TextMatch.ContainsAnyPhrase(NoOne().Replace(answer, "nobody"), node.Decline) && onward is not null)
        {
            AddRest(node, context, rest, captures);
            return new GoToOutcome(onward.Target) { Captures = captures, Declined = passedOn };
        }

        // "It's under sam@example.com" to the order number: the customer answered with another detail the node spots.
        // That is how they want to be found, not a wrong order number to retry. So is a number said to be a phone ("could
        // someone ring me instead, 07700 900312"), at any question.
        if (found.Any(spec => AnswersInstead(spec.Type, node.Capture.Type) || (spec.Type == CaptureType.Phone && CaptureParser.SaysPhone(answer))) && onward is not null)
        {
            AddRest(node, context, rest, captures);
            return new GoToOutcome(onward.Target) { Captures = captures, Declined = passedOn };
        }

        // Neither an answer nor a refusal, but something the script handles another way (a thank-you to a rating question).
        if (ConditionEvaluator.FirstThatHolds(node.OtherInterrupts, context) is { } interrupt)
        {
            return new GoToOutcome(interrupt.Goto.Target) { Captures = captures };
        }

        AddRest(node, context, rest, captures);
        var attempts = context.State.Attempts + 1;
        if (attempts >= node.MaxAttempts && onward is not null)
        {
            return new GoToOutcome(onward.Target) { Captures = captures, Declined = passedOn };
        }

        var retry = node.Retry.Count > 0 ? context.Pick(node.Retry, attempts - 1) : context.Pick(node.Prompt);
        return new WaitOutcome(attempts, Heard: 0) { Replies = retry, Captures = captures };
    }

    /// <summary>
    /// Adds the whole answer to the node's <c>add_rest_to</c> text when, besides the answer and any details spotted
    /// (<paramref name="rest"/>), it says more: the case then holds what the customer told us, as "with everything you
    /// told me" promises. Interrupts are left to their own nodes, which say what they do with it.
    /// </summary>
    private static void AddRest(AskNode node, NodeContext context, string rest, Dictionary<string, CapturedValue> captures)
    {
        if (node.AddRestTo is not { } name || DetailWords.BesideAnAnswer(rest) < MinWordsBesideTheAnswer)
        {
            return;
        }

        var kept = captures.GetValueOrDefault(name)?.Text ?? context.State.Captured.GetValueOrDefault(name)?.Text;
        var said = (context.Input.Text ?? string.Empty).Trim();
        captures[name] = new CapturedValue(CaptureType.Text, StoryLines.Add(kept, said));
    }

    /// <summary>
    /// Whether the value is the example the question itself gave ("Ours look like AB-123456"): said back ("AB-123456? i
    /// never gave you that"; 2026-12-07 trial), it is not the customer's own, and was kept as their order number. Only
    /// for identifiers: a rating of 5 to "from 1 to 5" is an answer.
    /// </summary>
    private static bool GivenAsExample(AskNode node, CapturedValue value) =>
        value.Type is CaptureType.OrderNumber or CaptureType.Regex or CaptureType.Email or CaptureType.Phone
        && node.Texts.Any(text => text.Text.Contains(value.Text, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether a spotted value of this type stands in for the answer. A phone number is a string of digits, which at a
    /// question whose answers hold digits ("1234567" for an order number) is more likely a mistyped answer: retried.
    /// </summary>
    private static bool AnswersInstead(CaptureType spotted, CaptureType asked) =>
        spotted != CaptureType.Phone || asked is CaptureType.Email or CaptureType.YesNo or CaptureType.Choice;

    [GeneratedRegex(@"\bno[- ]one\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NoOne();
}
