
namespace CareBot.Dialogs.Model;

/// <summary>
/// Asks a question and captures a typed answer (skipped when <see cref="SkipIfCaptured"/> and the value is known). A wrong answer gets a
/// retry prompt; after <see cref="MaxAttempts"/> wrong answers, or when the customer declines, it goes to
/// <see cref="Fallback"/>. Values named in <see cref="Spot"/> found in any answer are kept too, so they are not asked
/// for next. An answer that is neither valid nor declined, but for which one of the <see cref="Interrupts"/> holds
/// ("thanks, all sorted!" to a rating question), goes to that case's node instead of a retry.
/// </summary>
public sealed record AskNode(
    string Id,
    SourceLocation Location,
    IReadOnlyList<Template> Prompt,
    CaptureSpec Capture,
    IReadOnlyList<Template> Retry,
    int MaxAttempts,
    IReadOnlyList<string> Decline,
    NodeLink? Fallback,
    NodeLink? Next,
    bool SkipIfCaptured = false,
    IReadOnlyList<CaptureSpec>? Spot = null,
    IReadOnlyList<BranchCase>? Interrupt = null) : DialogNode(Id, Location)
{
    /// <summary>Conditions that answer the question another way, each with where to go; the first that holds wins.</summary>
    public IReadOnlyList<BranchCase> Interrupts => Interrupt ?? [];

    /// <summary>
    /// The interrupts heard before the decline words: for a value the answer holds (<c>mentions:</c>), for danger
    /// (<c>signal: safety</c>), and those marked <c>before_decline: true</c>. "no. and now there's a strong smell of gas"
    /// and "i dont know, i want to end it all" to the order number were taken as a no to the question, and the next
    /// question followed (2026-12-07 trial).
    /// </summary>
    public IReadOnlyList<BranchCase> FirstInterrupts => [.. Interrupts.Where(HeardFirst)];

    /// <summary>The other interrupts, heard after the decline words and a value given instead.</summary>
    public IReadOnlyList<BranchCase> OtherInterrupts => [.. Interrupts.Where(c => !HeardFirst(c))];

    /// <summary>
    /// A text capture (usually the story) that an answer saying more than the answer is added to, on a new line: "no
    /// order number. I'M GOING TO THE OMBUDSMAN IF THIS ISN'T FIXED THIS WEEK" declined the question and the threat
    /// was lost from the case.
    /// </summary>
    public string? AddRestTo { get; init; }

    /// <summary>Other values to pick out of an answer, when found and not captured yet.</summary>
    public IReadOnlyList<CaptureSpec> SpotCaptures => Spot ?? [];

    /// <inheritdoc />
    public override string Kind => "ask";

    private static bool HeardFirst(BranchCase c) =>
        c.BeforeDecline || c.When.Mentions.Count > 0 || c.When.Signals.Contains(SignalNames.Safety, StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override IEnumerable<NodeLink> Links =>
        new[] { Next, Fallback }.Where(link => link is not null).Select(link => link!).Concat(Interrupts.Select(c => c.Goto));

    /// <inheritdoc />
    public override IEnumerable<Template> Texts => Prompt.Concat(Retry);
}
