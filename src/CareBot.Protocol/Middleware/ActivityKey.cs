namespace CareBot.Protocol.Middleware;

/// <summary>Identifies one delivered activity: ids are opaque and compared ordinally.</summary>
public readonly record struct ActivityKey(string ChannelId, string ConversationId, string ActivityId);
