using CareBot.Protocol.Schema;

namespace CareBot.Care.Incidents;

/// <summary>A customer's public post attached to an incident, and where to reach them privately.</summary>
/// <param name="Reference">The public thread the customer posted in (replies to it go to the customer).</param>
/// <param name="UserId">The customer's id on the channel: one member per customer.</param>
public sealed record IncidentMember(string ChannelId, string ConversationId, string UserId, ConversationReference Reference, DateTimeOffset At);
