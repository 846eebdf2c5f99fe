using System.Text.Json;
using CareBot.Protocol.Schema;

namespace CareBot.Care.Tests.Bot;

public sealed class ConversationVisibilityTests
{
    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData(false, null, null, false)]
    [InlineData(true, null, null, true)]
    [InlineData(null, "personal", null, false)]
    [InlineData(null, "channel", null, true)]
    [InlineData(null, "groupChat", null, true)]
    [InlineData(null, "GROUPCHAT", null, true)]
    [InlineData(null, null, """{"carebot":{"public":true}}""", true)]
    [InlineData(null, null, """{"carebot":{"public":false}}""", false)]
    [InlineData(null, null, """{"carebot":{"public":"yes"}}""", false)]
    [InlineData(null, null, """{"tenant":{"id":"t1"}}""", false)]
    public void A_conversation_is_public_when_the_channel_says_so(bool? isGroup, string? conversationType, string? channelData, bool expected)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Conversation = new ConversationAccount("c1", isGroup, conversationType),
            ChannelData = channelData is null ? null : JsonDocument.Parse(channelData).RootElement,
        };

        Assert.Equal(expected, ConversationVisibility.IsPublic(activity));
    }
}
