namespace CareBot.Dialogs.Runtime;

/// <summary>What one turn produced.</summary>
/// <param name="State">The state to save (with the caller's ETag).</param>
/// <param name="Replies">The messages to send, in order (after the save succeeds).</param>
/// <param name="Effects">What the host must do (hand-off, take offline...), after the save.</param>
/// <param name="Handled">False when the dialog ignored the input (an unhandled event, a message while handed off).</param>
public sealed record TurnResult(DialogState State, IReadOnlyList<string> Replies, IReadOnlyList<DialogEffect> Effects, bool Handled);
