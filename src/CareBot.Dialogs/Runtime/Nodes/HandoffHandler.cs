using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>Hand-off: tell the customer what happens next and request a case for people.</summary>
public sealed class HandoffHandler : INodeHandler<HandoffNode>
{
    /// <inheritdoc />
    public NodeOutcome Enter(HandoffNode node, NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        var triage = context.Input.Triage;
        // "triage": the highest priority triage gave any of the customer's messages so far (this one's included: the
        // runtime raised the peak before the turn's nodes ran), not only this one's.
        var priority = node.FixedPriority ?? context.State.PeakPriority;
        if (priority < node.MinPriority)
        {
            priority = node.MinPriority;
        }

        var told = (context with { HandoffPriority = priority }).Pick(node.Say);
        var signals = triage.Signals.Count == 0 ? "none" : string.Join(", ", triage.Signals.Order(StringComparer.Ordinal));
        var reason = FormattableString.Invariant($"{context.Script.Id}/{node.Id}; signals: {signals}; sentiment {triage.Sentiment:0.00}; language {triage.Language}");
        var effect = new HandoffEffect(node.Queue, priority, string.Join(" ", told), reason, context.State.Captured);
        return node.Next is null
            ? new HandedOffOutcome { Replies = told, Effects = [effect] }
            : new GoToOutcome(node.Next.Target) { Replies = told, Effects = [effect] };
    }
}
