namespace CareBot.Dialogs.Model;

/// <summary>
/// Hands the case to people: says what happens next and requests a hand-off to <see cref="Queue"/>. The priority is
/// the triage priority (or <see cref="FixedPriority"/>), raised to at least <see cref="MinPriority"/>. Without
/// <see cref="Next"/> the dialog waits for the agent (events such as case.resolved).
/// </summary>
public sealed record HandoffNode(
    string Id,
    SourceLocation Location,
    string Queue,
    Priority? FixedPriority,
    Priority MinPriority,
    IReadOnlyList<Template> Say,
    NodeLink? Next) : DialogNode(Id, Location)
{
    /// <inheritdoc />
    public override string Kind => "handoff";

    /// <inheritdoc />
    public override IEnumerable<NodeLink> Links => Next is null ? [] : [Next];

    /// <inheritdoc />
    public override IEnumerable<Template> Texts => Say;

    /// <inheritdoc />
    public override bool MayStop => true;
}
