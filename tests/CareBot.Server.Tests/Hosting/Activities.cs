using CareBot.Protocol.Schema;

namespace CareBot.Server.Tests.Hosting;

/// <summary>Activities as a channel would send them.</summary>
public static class Activities
{
    /// <summary>A serviceUrl nothing listens on, for expectReplies turns whose replies come back in the HTTP answer.</summary>
    public const string UnusedServiceUrl = "http://127.0.0.1:9/";

    private static int sequence;

    public static Activity Message(string text, string serviceUrl, string conversationId, bool isGroup = false, string channelId = "webchat") => new()
    {
        Type = ActivityTypes.Message,
        Id = $"act-{Interlocked.Increment(ref sequence)}-{Guid.NewGuid():N}",
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
        From = new ChannelAccount("user-1", "Ana", RoleTypes.User),
        Recipient = new ChannelAccount("carebot", "CareBot", RoleTypes.Bot),
        Conversation = new ConversationAccount(conversationId, isGroup: isGroup ? true : null),
        Text = text,
        Locale = "en-US",
    };

    public static Activity CustomerJoined(string serviceUrl, string conversationId) => new()
    {
        Type = ActivityTypes.ConversationUpdate,
        Id = $"join-{Guid.NewGuid():N}",
        ChannelId = "webchat",
        ServiceUrl = serviceUrl,
        From = new ChannelAccount("user-1", "Ana"),
        Recipient = new ChannelAccount("carebot", "CareBot"),
        Conversation = new ConversationAccount(conversationId),
        MembersAdded = [new ChannelAccount("carebot", "CareBot"), new ChannelAccount("user-1", "Ana")],
    };
}
