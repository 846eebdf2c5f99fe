using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>Branch: the first case whose condition holds, else the default.</summary>
public sealed class BranchHandler : INodeHandler<BranchNode>
{
    /// <inheritdoc />
    public NodeOutcome Enter(BranchNode node, NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        var chosen = ConditionEvaluator.FirstThatHolds(node.Cases, context)?.Goto ?? node.Default;
        return chosen is null ? new EndOutcome() : new GoToOutcome(chosen.Target);
    }
}
