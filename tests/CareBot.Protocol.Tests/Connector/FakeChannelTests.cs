using System.Net;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;
using CareBot.Testing.Channel;

namespace CareBot.Protocol.Tests.Connector;

/// <summary>The fake channel's own promises, which the end-to-end tests of later features rely on.</summary>
public sealed class FakeChannelTests
{
    private static readonly Activity Hello = new() { Type = ActivityTypes.Message, Text = "Hello" };

    [Fact]
    public async Task A_failure_programmed_for_one_operation_leaves_the_others_alone()
    {
        await using var harness = await ConnectorHarness.StartAsync(settings: new Dictionary<string, string?> { ["Connector:MaxRetries"] = "0" });
        harness.Channel.FailNext(1, HttpStatusCode.Forbidden, operation: ChannelOperation.CreateConversation);

        await harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default);
        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.CreateConversationAsync(harness.Channel.ServiceUrl, new ConversationParameters(), default));
        var created = await harness.Client.CreateConversationAsync(harness.Channel.ServiceUrl, new ConversationParameters(), default);

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal([200, 403, 200], harness.Channel.Calls.Select(c => c.StatusCode));
        Assert.StartsWith("dm-", created.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForActivitiesAsync_returns_once_activities_sent_later_arrive()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        var waiting = harness.Channel.WaitForActivitiesAsync(2);

        await harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default);
        Assert.False(waiting.IsCompleted);
        await harness.Client.ReplyToActivityAsync(harness.Channel.ServiceUrl, "conv-1", "act-1", new Activity { Type = ActivityTypes.Message, Text = "Again" }, default);

        var activities = await waiting;
        Assert.Equal(["Hello", "Again"], activities.Select(a => a.Text));
    }

    [Fact]
    public async Task WaitForCallsAsync_times_out_with_the_calls_received_so_far()
    {
        await using var channel = await FakeChannel.StartAsync();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => channel.WaitForCallsAsync(1, TimeSpan.FromMilliseconds(50)));

        Assert.Contains("received 0 of the 1 expected calls", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_outside_the_Connector_API_is_answered_404_and_recorded()
    {
        await using var channel = await FakeChannel.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(channel.BaseAddress, "api/messages"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ChannelOperation.Unknown, Assert.Single(channel.Calls).Operation);
    }

    [Fact]
    public async Task Reset_forgets_calls_and_programmed_answers()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        await harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default);
        harness.Channel.FailNext(3, HttpStatusCode.BadRequest);

        harness.Channel.Reset();
        await harness.Client.SendToConversationAsync(harness.Channel.ServiceUrl, "conv-1", Hello, default);

        Assert.Equal(200, Assert.Single(harness.Channel.Calls).StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_answered_415_like_a_real_channel()
    {
        await using var channel = await FakeChannel.StartAsync();
        using var http = new HttpClient();
        using var body = new StringContent("{\"type\":\"message\"}", System.Text.Encoding.UTF8, "text/plain");

        using var response = await http.PostAsync(new Uri(channel.BaseAddress, "v3/conversations/conv-1/activities"), body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(channel.Activities);
    }
}
