using System.Net;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Channel;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// A public complaint is acknowledged once, in public, without anything private, and the conversation moves to a 1:1
/// conversation the bot opens through the Connector; a channel that refuses 1:1 conversations gets the email route.
/// </summary>
public sealed class TakeOfflineTests : ServerWithChannelTest
{
    private const string Post = "ORDER AB-123456 NEVER ARRIVED AND NOBODY ANSWERS!!! mail me at ana@example.com";


    [Fact]
    public async Task A_public_complaint_gets_one_public_acknowledgment_and_continues_in_a_private_conversation()
    {
        using var response = await Server.PostActivityAsync(Activities.Message(Post, Channel.ServiceUrl, "wall-1", isGroup: true));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The public acknowledgment, the 1:1 conversation opened with the customer, and the private greeting in it.
        var calls = await Channel.WaitForCallsAsync(3);
        var acknowledgment = calls[0].Activity!;
        Assert.Equal("wall-1", acknowledgment.Conversation?.Id);
        Assert.Contains("private message", acknowledgment.Text, StringComparison.Ordinal);
        foreach (var secret in new[] { "AB-123456", "ana@example.com" })
        {
            Assert.DoesNotContain(secret, acknowledgment.Text, StringComparison.OrdinalIgnoreCase);
        }

        var created = calls[1];
        Assert.Equal(ChannelOperation.CreateConversation, created.Operation);
        Assert.False(created.Parameters!.IsGroup);
        Assert.Equal("user-1", Assert.Single(created.Parameters.Members!).Id);

        var greeting = calls[2];
        Assert.Equal(ChannelOperation.SendToConversation, greeting.Operation);
        Assert.StartsWith("dm-", greeting.ConversationId, StringComparison.Ordinal);
        Assert.Contains("Ana", greeting.Activity!.Text, StringComparison.Ordinal);

        // The customer answers in the private conversation: the dialog is already listening there.
        var dm = greeting.ConversationId!;
        var reply = await Server.ExchangeAsync(Activities.Message("It was supposed to arrive two weeks ago", Channel.ServiceUrl, dm));
        Assert.Contains("I hear you", Assert.Single(reply).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Further_public_posts_get_one_short_reply_pointing_to_the_private_chat_and_then_silence()
    {
        await Server.PostActivityAsync(Activities.Message(Post, Channel.ServiceUrl, "wall-2", isGroup: true));
        await Channel.WaitForCallsAsync(3);

        var pointer = await Server.ExchangeAsync(Activities.Message("HELLO??? anyone???", Channel.ServiceUrl, "wall-2", isGroup: true));
        var silence = await Server.ExchangeAsync(Activities.Message("still waiting!!!", Channel.ServiceUrl, "wall-2", isGroup: true));

        Assert.Matches("private message|privately", Assert.Single(pointer).Text);
        Assert.Empty(silence);
        Assert.Single(Channel.CallsTo(ChannelOperation.CreateConversation));
    }

    [Fact]
    public async Task A_channel_without_private_conversations_gets_the_email_route_in_public()
    {
        Channel.RefuseCreateConversation(HttpStatusCode.MethodNotAllowed);

        await Server.PostActivityAsync(Activities.Message(Post, Channel.ServiceUrl, "wall-3", isGroup: true));

        var calls = await Channel.WaitForCallsAsync(c => c.Operation != ChannelOperation.CreateConversation, 2);
        Assert.Contains("private message", calls[0].Activity!.Text, StringComparison.Ordinal);
        Assert.Contains("email", calls[1].Activity!.Text, StringComparison.OrdinalIgnoreCase);
        Assert.All(calls, c => Assert.Equal("wall-3", c.ConversationId));
        Assert.DoesNotContain("ana@example.com", calls[1].Activity!.Text, StringComparison.Ordinal);
    }
}
