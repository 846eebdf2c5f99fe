namespace CareBot.Dialogs.Model;

/// <summary>
/// In public: says one short acknowledgment and asks the host to continue in a private conversation at
/// <see cref="PrivateStart"/>; later public posts get <see cref="Reminder"/> once, then silence. In private it simply
/// goes on to <see cref="PrivateStart"/>.
/// </summary>
public sealed record TakeOfflineNode(
    string Id,
    SourceLocation Location,
    IReadOnlyList<Template> Say,
    NodeLink? PrivateStart,
    IReadOnlyList<Template> Reminder) : DialogNode(Id, Location)
{
    /// <inheritdoc />
    public override string Kind => "offline";

    /// <inheritdoc />
    public override IEnumerable<NodeLink> Links => PrivateStart is null ? [] : [PrivateStart];

    /// <inheritdoc />
    public override IEnumerable<Template> Texts => Say.Concat(Reminder);

    /// <inheritdoc />
    public override bool MayStop => true;
}
