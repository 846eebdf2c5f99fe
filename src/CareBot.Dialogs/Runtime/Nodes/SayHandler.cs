using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>Say: one variant, then on.</summary>
public sealed class SayHandler : INodeHandler<SayNode>
{
    /// <inheritdoc />
    public NodeOutcome Enter(SayNode node, NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        var replies = context.Pick(node.Variants);
        return node.Next is null ? new EndOutcome { Replies = replies } : new GoToOutcome(node.Next.Target) { Replies = replies };
    }
}
