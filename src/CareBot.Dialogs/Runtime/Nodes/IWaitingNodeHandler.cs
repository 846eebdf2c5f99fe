using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>A node kind that waits for the customer (ask, listen) and then receives their message.</summary>
public interface IWaitingNodeHandler<in TNode> : INodeHandler<TNode>
    where TNode : DialogNode
{
    /// <summary>The customer's message arrives while the node waits.</summary>
    NodeOutcome Receive(TNode node, NodeContext context);
}
