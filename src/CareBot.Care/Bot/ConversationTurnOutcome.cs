using CareBot.Dialogs.Runtime;
using CareBot.Care.Cases;

namespace CareBot.Care.Bot;

/// <summary>What a saved conversation turn produced.</summary>
/// <param name="Dialog">The dialog's result.</param>
/// <param name="Replies">What to send now, in order (empty when the turn's replies went to the outbox).</param>
/// <param name="CaseEvents">The case changes the commit stored, for the agents' live feed.</param>
/// <param name="Enqueued">Whether the commit added outbox messages (wake the outbox worker).</param>
public sealed record ConversationTurnOutcome(StepResult Dialog, IReadOnlyList<string> Replies, IReadOnlyList<CaseEvent> CaseEvents, bool Enqueued);
