namespace CareBot.Dialogs.Model;

/// <summary>
/// Lets the customer vent: each message is acknowledged with a reflective variant, until a done word or
/// <see cref="MaxMessages"/> messages; the messages are kept in <see cref="CaptureName"/> when set, and values the
/// customer mentions on the way (an order number, an email) are kept silently per <see cref="Spot"/>, so nobody asks
/// for them again. A message that only gives such a value ("order AB-123456") is answered with a <see cref="Noted"/>
/// variant, when the script has some, rather than with sympathy for a number; a message that does not sound upset
/// ("iphone 13, latest update") gets a <see cref="CalmAcknowledgements"/> variant, when the script has some, rather
/// than "That sounds really frustrating". A message for which one of the
/// <see cref="Interrupts"/> holds ("can I talk to a real person?") ends the listening there: it is kept with the rest
/// and the dialog goes to that case's node instead of acknowledging it.
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
    IReadOnlyList<Template>? Noted = null,
    IReadOnlyList<BranchCase>? Interrupt = null,
    IReadOnlyList<Template>? AcknowledgeCalm = null) : DialogNode(Id, Location)
{
    /// <summary>Conditions that end the listening at once, each with where to go; the first that holds wins.</summary>
    public IReadOnlyList<BranchCase> Interrupts => Interrupt ?? [];

    /// <summary>The values to pick out of each message, when found and not captured yet.</summary>
    public IReadOnlyList<CaptureSpec> SpotCaptures => Spot ?? [];

    /// <summary>What to say to a message that only gives a spotted value; empty: acknowledge it like any other.</summary>
    public IReadOnlyList<Template> NotedReplies => Noted ?? [];

    /// <summary>
    /// What to say to a message that does not sound upset (a sentiment that is not negative, no shouting, urgency or
    /// safety signal); empty: acknowledge it like any other.
    /// </summary>
    public IReadOnlyList<Template> CalmAcknowledgements => AcknowledgeCalm ?? [];

    /// <inheritdoc />
    public override string Kind => "listen";

    /// <inheritdoc />
    public override IEnumerable<NodeLink> Links => (Next is null ? [] : new[] { Next }).Concat(Interrupts.Select(c => c.Goto));

    /// <inheritdoc />
    public override IEnumerable<Template> Texts => Prompt.Concat(Acknowledge).Concat(NotedReplies).Concat(CalmAcknowledgements);
}
