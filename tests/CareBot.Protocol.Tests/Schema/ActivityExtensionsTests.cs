using CareBot.Protocol.Schema;

namespace CareBot.Protocol.Tests.Schema;

public sealed class ActivityExtensionsTests
{
    private static Activity Inbound(string json = ChannelSamples.TeamsChannelMessage) => ActivityJson.Deserialize<Activity>(json)!;

    [Fact]
    public void CreateReply_swaps_from_and_recipient_and_threads_to_the_inbound_activity()
    {
        var inbound = Inbound();

        var reply = inbound.CreateReply("On it.");

        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal("28:2c7b1c8e-6a0e-4a43-9f5e-0c9d1b2a3f44", reply.From!.Id);
        Assert.Equal("CareBot", reply.From.Name);
        Assert.Equal("29:1a2bC3dE4fG", reply.Recipient!.Id);
        Assert.Equal("1732284191512", reply.ReplyToId);
        Assert.Equal(inbound.Conversation!.Id, reply.Conversation!.Id);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", reply.Conversation.TenantId);
        Assert.Equal("channel", reply.Conversation.ConversationType);
        Assert.Equal("msteams", reply.ChannelId);
        Assert.Equal("https://smba.trafficmanager.net/emea/", reply.ServiceUrl);
        Assert.Equal("en-US", reply.Locale);
        Assert.Equal("On it.", reply.Text);
        Assert.Null(reply.Id);
        Assert.Null(reply.Timestamp);
    }

    [Fact]
    public void CreateReply_copies_the_conversation_rather_than_sharing_it()
    {
        var inbound = Inbound();

        var reply = inbound.CreateReply("x");
        reply.Conversation!.Name = "changed";

        Assert.Equal("Support", inbound.Conversation!.Name);
    }

    [Fact]
    public void GetConversationReference_takes_user_from_sender_and_bot_from_recipient()
    {
        var reference = Inbound().GetConversationReference();

        Assert.Equal("1732284191512", reference.ActivityId);
        Assert.Equal("29:1a2bC3dE4fG", reference.User!.Id);
        Assert.Equal("28:2c7b1c8e-6a0e-4a43-9f5e-0c9d1b2a3f44", reference.Bot!.Id);
        Assert.Equal("msteams", reference.ChannelId);
        Assert.Equal("https://smba.trafficmanager.net/emea/", reference.ServiceUrl);
        Assert.Equal("en-US", reference.Locale);
    }

    [Theory]
    [InlineData("webchat", null)]
    [InlineData("directline", null)]
    [InlineData("emulator", "f2a0e7b0-a8d8-11ef-9c6e-3b1f2a9c8d11")]
    public void GetConversationReference_leaves_out_the_id_of_a_Direct_Line_conversationUpdate(string channelId, string? expectedActivityId)
    {
        var inbound = Inbound(ChannelSamples.EmulatorConversationUpdate);
        inbound.ChannelId = channelId;

        Assert.Equal(expectedActivityId, inbound.GetConversationReference().ActivityId);
    }

    [Fact]
    public void ApplyConversationReference_addresses_a_proactive_message_to_the_stored_conversation()
    {
        var reference = Inbound(ChannelSamples.WebChatMessage).GetConversationReference();
        var proactive = new Activity { Type = ActivityTypes.Message, Text = "An agent has replied." };

        proactive.ApplyConversationReference(reference);

        Assert.Equal("carebot@abc", proactive.From!.Id);
        Assert.Equal("dl_4f1c", proactive.Recipient!.Id);
        Assert.Equal("8aF3kQ-us", proactive.Conversation!.Id);
        Assert.Equal("webchat", proactive.ChannelId);
        Assert.Equal("https://webchat.botframework.com/", proactive.ServiceUrl);
        Assert.Equal("8aF3kQ-us|0000003", proactive.ReplyToId);
        Assert.Equal("en-US", proactive.Locale);
    }

    [Fact]
    public void ApplyConversationReference_as_incoming_rebuilds_the_user_side()
    {
        var reference = Inbound(ChannelSamples.WebChatMessage).GetConversationReference();
        var activity = new Activity { Type = ActivityTypes.Event, Name = "continueConversation" };

        activity.ApplyConversationReference(reference, isIncoming: true);

        Assert.Equal("dl_4f1c", activity.From!.Id);
        Assert.Equal("carebot@abc", activity.Recipient!.Id);
        Assert.Equal("8aF3kQ-us|0000003", activity.Id);
        Assert.Null(activity.ReplyToId);
    }

    [Fact]
    public void ApplyConversationReference_keeps_an_explicit_locale_and_replyToId()
    {
        var reference = Inbound(ChannelSamples.WebChatMessage).GetConversationReference();
        var activity = new Activity { Type = ActivityTypes.Message, Locale = "es-ES", ReplyToId = "other" };

        activity.ApplyConversationReference(reference);

        Assert.Equal("es-ES", activity.Locale);
        Assert.Equal("other", activity.ReplyToId);
    }

    [Fact]
    public void A_conversation_reference_round_trips_through_JSON_for_storage()
    {
        var reference = Inbound().GetConversationReference();

        var restored = ActivityJson.Deserialize<ConversationReference>(ActivityJson.Serialize(reference))!;

        Assert.Equal(ActivityJson.Serialize(reference), ActivityJson.Serialize(restored));
        Assert.Equal("ana@brand.example", restored.User!.Properties!["userPrincipalName"].GetString());
    }
}
