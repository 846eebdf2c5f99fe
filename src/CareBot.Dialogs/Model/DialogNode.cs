namespace CareBot.Dialogs.Model;

/// <summary>One step of a dialog. Each kind is a record below and has one handler in Runtime/Nodes.</summary>
/// <param name="Id">The node's id, unique within its dialog.</param>
/// <param name="Location">Where the node starts in its file.</param>
public abstract record DialogNode(string Id, SourceLocation Location)
{
    /// <summary>The kind's YAML key (say, ask, listen...).</summary>
    public abstract string Kind { get; }

    /// <summary>Every node this one can lead to, for the validator's graph checks.</summary>
    public abstract IEnumerable<NodeLink> Links { get; }

    /// <summary>Every text this node can say, for the placeholder checks.</summary>
    public abstract IEnumerable<Template> Texts { get; }

    /// <summary>Whether reaching this node without a way on is by design (end, a parked hand-off).</summary>
    public virtual bool MayStop => false;
}
