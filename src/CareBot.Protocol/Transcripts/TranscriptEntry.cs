namespace CareBot.Protocol.Transcripts;

/// <summary>One recorded activity. <see cref="ActivityJson"/> is the activity as it went over the wire (camelCase).</summary>
public sealed record TranscriptEntry(string ChannelId, string ConversationId, DateTimeOffset Timestamp, string ActivityJson);
