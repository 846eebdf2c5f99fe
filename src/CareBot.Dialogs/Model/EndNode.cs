namespace CareBot.Dialogs.Model;

/// <summary>Says an optional goodbye and ends the dialog (returning to a calling dialog, if any).</summary>
public sealed record EndNode(string Id, SourceLocation Location, IReadOnlyList<Template> Say) : DialogNode(Id, Location)
{
    /// <inheritdoc />
    public override string Kind => "end";

    /// <inheritdoc />
    public override IEnumerable<NodeLink> Links => [];

    /// <inheritdoc />
    public override IEnumerable<Template> Texts => Say;

    /// <inheritdoc />
    public override bool MayStop => true;
}
