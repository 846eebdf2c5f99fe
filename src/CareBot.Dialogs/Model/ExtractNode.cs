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

    /// <summary>
    /// Text only: add what is found to the value already kept, on a new line, as a listen node adds to its story (more
    /// of the story said at a details question is kept with the rest, not in place of it).
    /// </summary>
    public bool Append { get; init; }

    /// <inheritdoc />
    public override IEnumerable<NodeLink> Links => Next is null ? [] : [Next];

    /// <inheritdoc />
    public override IEnumerable<Template> Texts => [];
}
