namespace CareBot.Dialogs.Model;

/// <summary>
/// Lets the customer vent: each message is acknowledged with a reflective variant, until a done word or
/// <see cref="MaxMessages"/> messages; the messages are kept in <see cref="CaptureName"/> when set, and values the
/// customer mentions on the way (an order number, an email) are kept silently per <see cref="Spot"/>, so nobody asks
/// for them again. A message that only gives such a value ("order AB-123456") is answered with a <see cref="Noted"/>
/// variant, when the script has some, rather than with sympathy for a number.
/// </summary>
public sealed record ListenNode(
    string Id,
    SourceLocation Location,
    IReadOnlyList<Template> Prompt,
    IReadOnlyList<Template> Acknowledge,
    IReadOnlyList<string> DoneWords,
    int MaxMessages,
    string? CaptureName,
    NodeLink? Next,
    IReadOnlyList<CaptureSpec>? Spot = null,
    IReadOnlyList<Template>? Noted = null) : DialogNode(Id, Location)
{
    /// <summary>The values to pick out of each message, when found and not captured yet.</summary>
    public IReadOnlyList<CaptureSpec> SpotCaptures => Spot ?? [];

    /// <summary>What to say to a message that only gives a spotted value; empty: acknowledge it like any other.</summary>
    public IReadOnlyList<Template> NotedReplies => Noted ?? [];

    /// <inheritdoc />
    public override string Kind => "listen";

    /// <inheritdoc />
    public override IEnumerable<NodeLink> Links => Next is null ? [] : [Next];

    /// <inheritdoc />
    public override IEnumerable<Template> Texts => Prompt.Concat(Acknowledge).Concat(NotedReplies);
}
