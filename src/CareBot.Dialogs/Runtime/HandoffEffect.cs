using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime;

/// <summary>Hand the case to people.</summary>
/// <param name="Queue">The queue to put it in.</param>
/// <param name="Priority">The priority (the node's rule applied to triage).</param>
/// <param name="ToldCustomer">What the bot told the customer will happen next.</param>
/// <param name="Reason">Why: the hand-off node and the triage signals of the turn, for the agent.</param>
/// <param name="Captured">Everything captured so far.</param>
public sealed record HandoffEffect(string Queue, Priority Priority, string ToldCustomer, string Reason, IReadOnlyDictionary<string, CapturedValue> Captured)
    : DialogEffect;
