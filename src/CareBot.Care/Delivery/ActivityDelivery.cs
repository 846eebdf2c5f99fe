using CareBot.Protocol.Schema;

namespace CareBot.Care.Delivery;

/// <summary>An outbox row's proactive activity and the conversation it goes to.</summary>
public sealed record ActivityDelivery(ConversationReference Reference, Activity Activity);
