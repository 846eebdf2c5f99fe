namespace CareBot.Care.Stores;

/// <summary>A message to put in the outbox.</summary>
/// <param name="Kind">Email or activity.</param>
/// <param name="IdempotencyKey">Stable across retries of the turn, e.g. <c>handoff-email/{case creation key}</c>; unique in the outbox.</param>
/// <param name="PayloadJson">What to send, as JSON (an EmailMessage, or an activity with its ConversationReference).</param>
public sealed record NewOutboxMessage(OutboxKind Kind, string IdempotencyKey, string PayloadJson);
