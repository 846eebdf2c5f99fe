namespace CareBot.Protocol.Hosting;

/// <summary>
/// The largest ids <c>POST /api/messages</c> accepts, in bytes of UTF-8 (for the ASCII ids channels send, bytes are
/// characters). Real ids are far shorter (a Teams personal conversation id is a few hundred characters); the caps keep
/// the keys built from them (conversation state, dedupe, cases, outbox) within what an index row of the database can
/// hold, so a hostile id gets a 400 instead of failing a turn.
/// </summary>
public static class ActivityLimits
{
    /// <summary><c>channelId</c>: 128 bytes (channel ids are short names such as <c>msteams</c>).</summary>
    public const int MaxChannelIdBytes = 128;

    /// <summary><c>conversation.id</c>: 1024 bytes.</summary>
    public const int MaxConversationIdBytes = 1024;

    /// <summary>The activity's <c>id</c> (and <c>replyToId</c>): 512 bytes.</summary>
    public const int MaxActivityIdBytes = 512;

    /// <summary><c>from.id</c> and <c>recipient.id</c>: 512 bytes.</summary>
    public const int MaxAccountIdBytes = 512;

    /// <summary><c>serviceUrl</c>: 2048 bytes.</summary>
    public const int MaxServiceUrlBytes = 2048;
}
