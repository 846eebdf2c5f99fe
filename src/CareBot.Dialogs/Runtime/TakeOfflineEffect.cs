namespace CareBot.Dialogs.Runtime;

/// <summary>
/// Continue privately: open a 1:1 conversation with the customer (else email) and store <see cref="PrivateState"/>
/// there, then run one turn with <see cref="TurnInput.Begin"/> to send the private greeting. The public
/// acknowledgment is already among the turn's replies. If the channel refuses, send the public conversation the
/// <c>offline.failed</c> event.
/// </summary>
/// <param name="StartNode">Where the private conversation starts.</param>
/// <param name="Captured">The values carried over (e.g. an order number from the public post).</param>
/// <param name="PrivateState">A ready state for the private conversation: same script versions, pending at StartNode.</param>
public sealed record TakeOfflineEffect(string StartNode, IReadOnlyDictionary<string, CapturedValue> Captured, DialogState PrivateState)
    : DialogEffect;
