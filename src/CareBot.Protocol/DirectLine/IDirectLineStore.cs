using CareBot.Protocol.Schema;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// Where the built-in Direct Line channel keeps its conversations, tokens and activity history, and how it reaches the
/// WebSockets streaming a conversation. In memory for one process (the default); in PostgreSQL when several instances
/// serve the same clients, so any instance can answer any request of a conversation.
/// </summary>
/// <remarks>
/// Positions count from 0 per conversation and never repeat: the activity at position <c>p</c> has the id
/// <c>{conversationId}|{p:0000000}</c> and the watermark after it is <c>p + 1</c>. Every history is bounded (the oldest
/// activities are dropped, positions go on counting), and so is the number of conversations and of tokens per
/// conversation (see <see cref="DirectLineOptions"/>).
/// </remarks>
public interface IDirectLineStore
{
    /// <summary>
    /// Opens a new conversation. At <see cref="DirectLineOptions.MaxConversations"/> the idle ones are forgotten first,
    /// then the least recently used one.
    /// </summary>
    Task<DirectLineConversationInfo> CreateAsync(bool isPublic, ChannelAccount? user, CancellationToken cancellationToken);

    /// <summary>
    /// The conversation with this id, marked as used now; null when there is none or it was idle longer than
    /// <see cref="DirectLineOptions.ConversationIdleTimeout"/> (it is then forgotten, with its tokens).
    /// </summary>
    Task<DirectLineConversationInfo?> FindAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>True the first time only: the caller then tells the bot the conversation started.</summary>
    Task<bool> TryStartAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// True the first time a member id is seen (at most <see cref="DirectLineConversationInfo.MaxMembers"/> are
    /// remembered; later ones are never announced).
    /// </summary>
    Task<bool> TryAddMemberAsync(string conversationId, string memberId, CancellationToken cancellationToken);

    /// <summary>The member ids seen so far.</summary>
    Task<IReadOnlyList<string>> GetMembersAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Marks the conversation public (a flag from the page); never back.</summary>
    Task MakePublicAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Issues a token for a conversation (and user, when known). <paramref name="replaces"/> (a refresh) is revoked, and
    /// so is the oldest beyond a few per conversation.
    /// </summary>
    Task<string> IssueTokenAsync(string conversationId, string? userId, string? replaces, CancellationToken cancellationToken);

    /// <summary>The grant of a token; null when it was never issued, was revoked or is long forgotten.</summary>
    Task<DirectLineGrant?> FindTokenAsync(string token, CancellationToken cancellationToken);

    /// <summary>
    /// Records an activity: stamps its id, timestamp and conversation, stores it and streams it. With a
    /// <paramref name="senderActivityId"/> (the id the bot gave it) it is recorded once: a repeat records and streams
    /// nothing and returns the id given the first time. Null when the conversation does not exist.
    /// </summary>
    Task<string?> AppendAsync(string conversationId, Activity activity, string? senderActivityId, CancellationToken cancellationToken);

    /// <summary>Replaces an activity (an update by the bot) and streams the new version; false when unknown.</summary>
    Task<bool> ReplaceAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    /// <summary>Forgets an activity (a delete by the bot); false when unknown. Positions of later activities stay.</summary>
    Task<bool> DeleteAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>
    /// An ActivitySet (JSON) of up to <paramref name="max"/> activities (and about <paramref name="maxBytes"/> bytes; one
    /// larger activity goes alone) after <paramref name="watermark"/>, typing excluded, with the watermark after the
    /// last one read. A watermark older than the kept history reads from the oldest kept.
    /// </summary>
    Task<string> ReadSetAsync(string conversationId, int watermark, int max, int maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a stream: first replays what it missed after <paramref name="watermark"/> one activity per frame, then offers
    /// it every new activity as it is recorded (on any instance). Returns the streams it displaced (the oldest beyond
    /// <see cref="DirectLineOptions.MaxStreamsPerConversation"/>), which the caller drops.
    /// </summary>
    Task<IReadOnlyList<IDirectLineStreamSink>> SubscribeAsync(string conversationId, IDirectLineStreamSink stream, int watermark, CancellationToken cancellationToken);

    /// <summary>Removes a stream; the conversation counts as used from now on.</summary>
    Task UnsubscribeAsync(string conversationId, IDirectLineStreamSink stream, CancellationToken cancellationToken);

    /// <summary>Remembers the public conversation a user last wrote in (where a private conversation is announced).</summary>
    Task SetPublicConversationAsync(string userId, string conversationId, CancellationToken cancellationToken);

    /// <summary>The public conversation the user last wrote in, if it still exists.</summary>
    Task<string?> FindPublicConversationAsync(string userId, CancellationToken cancellationToken);
}
