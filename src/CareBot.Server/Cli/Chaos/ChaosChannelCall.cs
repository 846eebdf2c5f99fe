namespace CareBot.Server.Cli.Chaos;

/// <summary>
/// One Connector call the chaos channel received: <paramref name="Sequence"/> counts from 1;
/// <paramref name="Operation"/> is <c>create</c>, <c>send</c> (to a conversation), <c>reply</c> (to an activity) or
/// <c>other</c>; the rest is read from the activity posted, when there is one.
/// </summary>
internal sealed record ChaosChannelCall(
    int Sequence,
    string Operation,
    string? ConversationId,
    string? ActivityId,
    string? ReplyToId,
    string? RecipientId,
    string? Text);
