namespace CareBot.Dialogs.Model;

/// <summary>Says one of its variants and moves on to <see cref="Next"/>.</summary>
public sealed record SayNode(string Id, SourceLocation Location, IReadOnlyList<Template> Variants, NodeLink? Next)
    : DialogNode(Id, Location)
{
    /// <inheritdoc />
    public override string Kind => "say";

    /// <inheritdoc />
    public override IEnumerable<NodeLink> Links => Next is null ? [] : [Next];

    /// <inheritdoc />
    public override IEnumerable<Template> Texts => Variants;
}
