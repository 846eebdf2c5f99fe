using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>End: an optional goodbye, then the dialog ends.</summary>
public sealed class EndHandler : INodeHandler<EndNode>
{
    /// <inheritdoc />
    public NodeOutcome Enter(EndNode node, NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        return new EndOutcome { Replies = context.Pick(node.Say) };
    }
}
