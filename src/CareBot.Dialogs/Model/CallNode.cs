namespace CareBot.Dialogs.Model;

/// <summary>Runs another dialog from its start; when that one ends, continues at <see cref="Next"/>.</summary>
public sealed record CallNode(string Id, SourceLocation Location, string Dialog, SourceLocation DialogLocation, NodeLink? Next)
    : DialogNode(Id, Location)
{
    /// <inheritdoc />
    public override string Kind => "call";

    /// <inheritdoc />
    public override IEnumerable<NodeLink> Links => Next is null ? [] : [Next];

    /// <inheritdoc />
    public override IEnumerable<Template> Texts => [];
}
