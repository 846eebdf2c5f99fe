namespace CareBot.Dialogs.Model;

/// <summary>Goes to the first case whose condition holds, else to <see cref="Default"/>.</summary>
public sealed record BranchNode(string Id, SourceLocation Location, IReadOnlyList<BranchCase> Cases, NodeLink? Default)
    : DialogNode(Id, Location)
{
    /// <inheritdoc />
    public override string Kind => "branch";

    /// <inheritdoc />
    public override IEnumerable<NodeLink> Links =>
        Cases.Select(c => c.Goto).Concat(Default is null ? [] : [Default]);

    /// <inheritdoc />
    public override IEnumerable<Template> Texts => [];
}
