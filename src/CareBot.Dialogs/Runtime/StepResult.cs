namespace CareBot.Dialogs.Runtime;

/// <summary>What one turn produced.</summary>
/// <param name="State">The state to save (with the caller's ETag).</param>
/// <param name="Replies">The messages to send, in order (after the save succeeds).</param>
/// <param name="Effects">What the host must do (hand-off, take offline...), after the save.</param>
/// <param name="Handled">False when the dialog ignored the input (an unhandled event, a message while handed off).</param>
public sealed record StepResult(DialogState State, IReadOnlyList<string> Replies, IReadOnlyList<DialogEffect> Effects, bool Handled)
{
    /// <summary>
    /// Set when the turn stopped at a <c>lookup:</c> node whose answer is not in the input yet. The turn is then NOT
    /// finished: its state, replies and effects are partial and must not be saved or sent. Make the call and run the
    /// turn again from the same state with <see cref="TurnInput.WithLookup"/>.
    /// </summary>
    public LookupRequest? PendingLookup { get; init; }

    /// <summary>
    /// The nodes the turn passed through, in order, as <c>dialog/node</c> (for the admin studio's "Try it" and for
    /// people reading a transcript; the host does not need it).
    /// </summary>
    public IReadOnlyList<string> NodePath { get; init; } = [];
}
