namespace CareBot.Protocol.Hosting;

/// <summary>
/// A channel served inside this process (the built-in Direct Line channel) whose conversations are reached only through
/// the channel itself. <c>POST /api/messages</c> refuses (403) an activity that claims to come from such a channel or to
/// belong to one of its conversations: otherwise anyone who learned a visitor's conversation id could run turns in that
/// conversation and read the bot's answers back with <c>expectReplies</c>.
/// </summary>
public interface IReservedConversations
{
    /// <summary>
    /// True when <paramref name="serviceUrl"/> is the channel's own serviceUrl, or <paramref name="conversationId"/>
    /// is one of its conversations.
    /// </summary>
    bool IsReserved(string serviceUrl, string conversationId);
}
