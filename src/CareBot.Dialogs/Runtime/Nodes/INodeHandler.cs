using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>Runs one node kind when the dialog arrives at it.</summary>
public interface INodeHandler<in TNode>
    where TNode : DialogNode
{
    /// <summary>The dialog arrives at the node.</summary>
    NodeOutcome Enter(TNode node, NodeContext context);
}
