namespace CareBot.Dialogs.Model;

/// <summary>
/// Silently picks a value out of the current message (e.g. an order number in a public post) without asking, and moves
/// on whether or not it found one.
/// </summary>
public sealed record ExtractNode(string Id, SourceLocation Location, CaptureSpec Capture, NodeLink? Next)
    : DialogNode(Id, Location)
{
    /// <inheritdoc />
    public override string Kind => "extract";

    /// <inheritdoc />
    public override IEnumerable<NodeLink> Links => Next is null ? [] : [Next];

    /// <inheritdoc />
    public override IEnumerable<Template> Texts => [];
}
