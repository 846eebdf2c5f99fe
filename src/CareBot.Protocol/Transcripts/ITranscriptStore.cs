namespace CareBot.Protocol.Transcripts;

/// <summary>Keeps every inbound and outbound activity of a conversation, in order, as serialized Activity JSON.</summary>
public interface ITranscriptStore
{
    /// <summary>Appends the activities of one turn (inbound first, then what the bot sent) in one round trip.</summary>
    Task AppendAsync(IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken);

    /// <summary>Reads one conversation's transcript in the order it was appended.</summary>
    Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string channelId, string conversationId, CancellationToken cancellationToken);
}
