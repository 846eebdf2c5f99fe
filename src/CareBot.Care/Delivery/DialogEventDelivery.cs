using CareBot.Protocol.Schema;

namespace CareBot.Care.Delivery;

/// <summary>An outbox row's dialog event (e.g. <c>case.resolved</c>) for a conversation, whose replies are delivered too.</summary>
/// <param name="Reference">The conversation.</param>
/// <param name="Event">The event name (see <c>DialogEvents</c>).</param>
/// <param name="IsPublic">Whether the conversation is public.</param>
public sealed record DialogEventDelivery(ConversationReference Reference, string Event, bool IsPublic);
