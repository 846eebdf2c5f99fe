using CareBot.Protocol.Schema;

namespace CareBot.Protocol.Turns;

/// <summary>
/// An activity the bot sent during a turn, as addressed, with the channel's answer. <see cref="ResourceResponse.Id"/>
/// is null when the activity was buffered for <c>expectReplies</c> or the channel returned no id.
/// </summary>
public sealed record SentActivity(Activity Activity, ResourceResponse Response);
