namespace CareBot.Meta;

/// <summary>
/// The conversation ids of Meta threads (the stored state's key): a public comment thread, the private conversation a
/// Private Reply opened, and a Messenger / Instagram Direct conversation the customer started.
/// </summary>
public static class MetaConversationIds
{
    private const string Comment = "comment:";
    private const string Private = "private:";
    private const string Direct = "dm:";

    /// <summary>The public thread under a top-level comment (or a visitor post).</summary>
    public static string PublicThread(string rootId) => Comment + rootId;

    /// <summary>The private conversation a Private Reply to this comment opened.</summary>
    public static string PrivateReply(string commentId) => Private + commentId;

    /// <summary>A conversation the customer started in Messenger / Instagram Direct.</summary>
    public static string DirectMessages(string scopedUserId) => Direct + scopedUserId;

    public static bool IsPublicThread(string conversationId) => conversationId.StartsWith(Comment, StringComparison.Ordinal);

    /// <summary>The comment a private conversation was opened from, or null.</summary>
    public static string? PrivateReplyComment(string conversationId) =>
        conversationId.StartsWith(Private, StringComparison.Ordinal) ? conversationId[Private.Length..] : null;

    /// <summary>The customer's page-scoped id of a conversation they started, or null.</summary>
    public static string? DirectUser(string conversationId) =>
        conversationId.StartsWith(Direct, StringComparison.Ordinal) ? conversationId[Direct.Length..] : null;
}
