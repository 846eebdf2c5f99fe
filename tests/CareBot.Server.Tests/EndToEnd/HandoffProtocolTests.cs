using System.Text.Json;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Protocol.Handoff;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Channel;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// With <c>CareBot:SendHandoffInitiate</c>, a hand-off also asks the channel's agent hub with a <c>handoff.initiate</c>
/// event, and the hub's <c>handoff.status</c> events move the case: accepted claims it, completed resolves it (and the
/// bot asks for the rating), failed leaves a note and the case in our queue. Only a channel listed in
/// <c>CareBot:HandoffHubChannels</c> is a hub: in the customer's own channel the event changes nothing.
/// </summary>
public sealed class HandoffProtocolTests : IAsyncLifetime
{
    private const string Hub = "omnichannel";

    private FakeChannel channel = null!;
    private CareBotTestServer server = null!;

    public async Task InitializeAsync()
    {
        channel = await FakeChannel.StartAsync();
        server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["CareBot:SendHandoffInitiate"] = "true",
            ["CareBot:HandoffHubChannels:0"] = Hub,
        });
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await channel.DisposeAsync();
    }

    [Fact]
    public async Task A_hand_off_sends_handoff_initiate_with_the_transcript_and_the_case_in_its_context()
    {
        var opened = await HandOffAsync("dm-hub-1");

        var initiation = (await channel.WaitForCallsAsync(c => c.Activity?.Name == HandoffEventNames.Initiate, 1))[0].Activity!;
        Assert.Equal(ActivityTypes.Event, initiation.Type);
        Assert.Equal("dm-hub-1", initiation.Conversation?.Id);
        Assert.Equal(opened.Id, initiation.Value!.Value.GetProperty("caseId").GetString());
        var transcript = Assert.Single(initiation.Attachments!);
        Assert.Equal(HandoffActivities.TranscriptAttachmentName, transcript.Name);
        var lines = transcript.Content!.Value.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("text").GetString()).ToList();
        Assert.Contains("I want to talk to a real person please", lines);
    }

    [Fact]
    public async Task The_hubs_status_claims_then_resolves_the_case_and_the_bot_asks_for_the_rating()
    {
        var opened = await HandOffAsync("dm-hub-2");

        await server.ExchangeAsync(Status("dm-hub-2", HandoffStates.Accepted));
        var claimed = await CaseAsync(opened.Id);
        await server.ExchangeAsync(Status("dm-hub-2", HandoffStates.Completed));
        var rating = await channel.WaitForCallsAsync(c => c.Activity?.Text?.Contains("from 1 (poor) to 5", StringComparison.Ordinal) == true, 1);

        Assert.Equal((CaseStatus.Assigned, "hub:omnichannel"), (claimed.Status, claimed.Assignee));
        Assert.Equal(CaseStatus.Resolved, (await CaseAsync(opened.Id)).Status);
        Assert.Equal("dm-hub-2", rating[0].ConversationId);
    }

    [Fact]
    public async Task A_failed_hand_off_leaves_a_note_and_the_case_queued_for_our_agents()
    {
        var opened = await HandOffAsync("dm-hub-3");

        await server.ExchangeAsync(Status("dm-hub-3", HandoffStates.Failed, "no agents online"));

        var stored = await CaseAsync(opened.Id);
        Assert.Equal(CaseStatus.Queued, stored.Status);
        Assert.Contains("no agents online", Assert.Single(stored.Notes).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_status_changes_nothing()
    {
        var opened = await HandOffAsync("dm-hub-4");
        var malformed = Status("dm-hub-4", "teleported");

        using var response = await server.PostActivityAsync(malformed);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(CaseStatus.Queued, (await CaseAsync(opened.Id)).Status);
    }

    [Fact]
    public async Task A_status_sent_in_the_customers_own_channel_changes_nothing()
    {
        var opened = await HandOffAsync("dm-hub-5", channelId: "webchat");

        await server.ExchangeAsync(Status("dm-hub-5", HandoffStates.Accepted, channelId: "webchat"));
        await server.ExchangeAsync(Status("dm-hub-5", HandoffStates.Completed, channelId: "webchat"));
        await server.ExchangeAsync(Status("dm-hub-5", HandoffStates.Failed, new string('x', 5000), channelId: "webchat"));

        var stored = await CaseAsync(opened.Id);
        Assert.Equal((CaseStatus.Queued, null), (stored.Status, stored.Assignee));
        Assert.Empty(stored.Notes);
    }

    [Fact]
    public async Task A_hubs_message_is_cut_to_a_bounded_note()
    {
        var opened = await HandOffAsync("dm-hub-6");

        await server.ExchangeAsync(Status("dm-hub-6", HandoffStates.Failed, "queue full " + new string('x', 100_000)));

        var note = Assert.Single((await CaseAsync(opened.Id)).Notes).Text;
        Assert.StartsWith("The agent hub could not take the hand-off: queue full xxx", note, StringComparison.Ordinal);
        Assert.EndsWith("(cut: the hub's message had 100011 characters)", note, StringComparison.Ordinal);
        Assert.True(note.Length < 1200, $"{note.Length} characters");
    }

    private async Task<Case> HandOffAsync(string conversationId, string channelId = Hub)
    {
        foreach (var text in new[] { "I want to talk to a real person please", "I don't have one", "sam@example.com", "Wrong size delivered" })
        {
            await server.ExchangeAsync(Activities.Message(text, channel.ServiceUrl, conversationId, channelId: channelId));
        }

        var cases = await server.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(), CancellationToken.None);
        return Assert.Single(cases, c => c.Case.Origin.Private?.Conversation?.Id == conversationId).Case;
    }

    private async Task<Case> CaseAsync(string id) =>
        (await server.Services.GetRequiredService<ICaseStore>().GetAsync(id, CancellationToken.None))!.Case;

    private Activity Status(string conversationId, string state, string? message = null, string channelId = Hub)
    {
        var activity = Activities.Message(string.Empty, channel.ServiceUrl, conversationId, channelId: channelId);
        activity.Type = ActivityTypes.Event;
        activity.Text = null;
        activity.Name = HandoffEventNames.Status;
        activity.From = new ChannelAccount("hub", "Agent hub");
        activity.Value = JsonSerializer.SerializeToElement(new { state, message });
        return activity;
    }
}
