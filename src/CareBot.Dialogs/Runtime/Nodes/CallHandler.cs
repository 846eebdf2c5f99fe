using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>Call: run another dialog, then continue at next.</summary>
public sealed class CallHandler : INodeHandler<CallNode>
{
    /// <inheritdoc />
    public NodeOutcome Enter(CallNode node, NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new CallOutcome(node.Dialog, node.Next?.Target);
    }
}
