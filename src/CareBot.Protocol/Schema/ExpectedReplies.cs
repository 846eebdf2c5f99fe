namespace CareBot.Protocol.Schema;

/// <summary>The body of a 200 answer to an <c>expectReplies</c> activity: everything the bot sent during the turn.</summary>
public sealed class ExpectedReplies
{
    public IList<Activity> Activities { get; set; } = new List<Activity>();
}
