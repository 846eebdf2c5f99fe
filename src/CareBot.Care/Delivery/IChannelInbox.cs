using CareBot.Care.Bot;
using CareBot.Care.Stores;

namespace CareBot.Care.Delivery;

/// <summary>
/// A channel adapter beside the Bot Framework one (e.g. Meta's webhooks) stores what it receives as
/// <see cref="OutboxKind.ChannelEvent"/> rows and handles them here, in the outbox worker: so a delivery acknowledged
/// to the channel survives a crash, is retried with the outbox's backoff, and is processed once (the row's idempotency
/// key is the channel's own id for the event).
/// </summary>
public interface IChannelInbox
{
    /// <summary>Whether this handler owns the row (by its idempotency key's prefix).</summary>
    bool Owns(OutboxMessage message);

    /// <summary>Processes the event; the outcome of the dialog turn it ran, if any. Throws to have the row retried.</summary>
    Task<ConversationTurnOutcome?> ProcessAsync(OutboxMessage message, CancellationToken cancellationToken);
}
