namespace CareBot.Dialogs.Model;

/// <summary>
/// Lets the customer vent: each message is acknowledged with a reflective variant, until a done word or
/// <see cref="MaxMessages"/> messages; the messages are kept in <see cref="CaptureName"/> when set.
/// </summary>
public sealed record ListenNode(
    string Id,
    SourceLocation Location,
    IReadOnlyList<Template> Prompt,
    IReadOnlyList<Template> Acknowledge,
    IReadOnlyList<string> DoneWords,
    int MaxMessages,
    string? CaptureName,
    NodeLink? Next) : DialogNode(Id, Location)
{
    /// <inheritdoc />
    public override string Kind => "listen";

    /// <inheritdoc />
    public override IEnumerable<NodeLink> Links => Next is null ? [] : [Next];

    /// <inheritdoc />
    public override IEnumerable<Template> Texts => Prompt.Concat(Acknowledge);
}
