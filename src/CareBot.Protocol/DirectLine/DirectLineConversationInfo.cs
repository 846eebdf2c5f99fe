using CareBot.Protocol.Schema;

namespace CareBot.Protocol.DirectLine;

/// <summary>What a request needs to know of a Direct Line conversation (a snapshot: the store holds the rest).</summary>
/// <param name="Id">The conversation id.</param>
/// <param name="IsPublic">
/// A public conversation looks to the bot like a channel post (<c>isGroup</c>, <c>conversationType: channel</c>).
/// </param>
/// <param name="User">The user the conversation was opened for, when a token or the bot named one.</param>
public sealed record DirectLineConversationInfo(string Id, bool IsPublic, ChannelAccount? User)
{
    /// <summary>The most member ids one conversation remembers (a secret holder can post as anyone).</summary>
    public const int MaxMembers = 64;

    /// <summary>The account as stamped on every activity of this conversation.</summary>
    public ConversationAccount Account() => IsPublic
        ? new ConversationAccount(Id, isGroup: true, conversationType: "channel")
        : new ConversationAccount(Id);
}
