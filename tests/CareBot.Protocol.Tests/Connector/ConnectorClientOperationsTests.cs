using System.Net;
using System.Text.Json;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;
using CareBot.Testing.Channel;

namespace CareBot.Protocol.Tests.Connector;

public sealed class ConnectorClientOperationsTests : IAsyncLifetime
{
    private const string TeamsConversationId = "a:1xYz;messageid=1700000000123@thread.skype";
    private const string TeamsActivityId = "1700000000123;x/y";
    private ConnectorHarness _harness = null!;

    private FakeChannel Channel => _harness.Channel;

    private IConnectorClient Client => _harness.Client;

    public async Task InitializeAsync() => _harness = await ConnectorHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SendToConversation_posts_the_activity_and_returns_the_channel_id()
    {
        var response = await Client.SendToConversationAsync(Channel.ServiceUrl, "conv-1", Message("Hello"), default);

        var call = Assert.Single(Channel.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/v3/conversations/conv-1/activities", call.RawTarget);
        Assert.Equal(ChannelOperation.SendToConversation, call.Operation);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        Assert.Equal("Hello", call.Activity?.Text);
        Assert.Equal("act-1", response.Id);
    }

    [Fact]
    public async Task SendToConversation_leaves_id_and_serviceUrl_out_of_the_body_without_changing_the_callers_activity()
    {
        var activity = Message("Hello");
        activity.Id = "inbound-7";
        activity.ServiceUrl = Channel.ServiceUrl;

        await Client.SendToConversationAsync(Channel.ServiceUrl, "conv-1", activity, default);

        using var body = JsonDocument.Parse(Assert.Single(Channel.Calls).Body);
        Assert.False(body.RootElement.TryGetProperty("id", out _));
        Assert.False(body.RootElement.TryGetProperty("serviceUrl", out _));
        Assert.Equal("message", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("inbound-7", activity.Id);
        Assert.Equal(Channel.ServiceUrl, activity.ServiceUrl);
    }

    [Fact]
    public async Task SendToConversation_keeps_an_id_the_bot_minted_so_a_repeated_send_carries_the_same_id()
    {
        // As the outbox sends a proactive message, and sends it again after a crash before it was marked sent.
        var id = SenderActivityIds.For("reply/turn-1/0");
        var first = Message("Hello");
        first.Id = id;
        var again = Message("Hello");
        again.Id = id;

        await Client.SendToConversationAsync(Channel.ServiceUrl, "conv-1", first, default);
        await Client.SendToConversationAsync(Channel.ServiceUrl, "conv-1", again, default);

        Assert.Equal([id, id], Channel.Calls.Select(c => c.Activity?.Id));
        using var body = JsonDocument.Parse(Channel.Calls[0].Body);
        Assert.Equal(id, body.RootElement.GetProperty("id").GetString());
        Assert.False(body.RootElement.TryGetProperty("serviceUrl", out _));
    }

    [Fact]
    public async Task ReplyToActivity_leaves_out_an_id_copied_from_the_inbound_activity()
    {
        var reply = Message("Thanks");
        reply.Id = "inbound-7";

        await Client.ReplyToActivityAsync(Channel.ServiceUrl, "conv-1", "inbound-7", reply, default);

        using var body = JsonDocument.Parse(Assert.Single(Channel.Calls).Body);
        Assert.False(body.RootElement.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task ReplyToActivity_escapes_teams_ids_under_a_serviceUrl_with_a_path()
    {
        var serviceUrl = Channel.ServiceUrlWithPath("amer");

        await Client.ReplyToActivityAsync(serviceUrl, TeamsConversationId, TeamsActivityId, Message("Thanks"), default);

        var call = Assert.Single(Channel.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal(
            "/amer/v3/conversations/a%3A1xYz%3Bmessageid%3D1700000000123%40thread.skype/activities/1700000000123%3Bx%2Fy",
            call.RawTarget);
        Assert.Equal("/amer/", call.PathPrefix);
        Assert.Equal(ChannelOperation.ReplyToActivity, call.Operation);
        Assert.Equal(TeamsConversationId, call.ConversationId);
        Assert.Equal(TeamsActivityId, call.ActivityId);
    }

    [Fact]
    public async Task A_serviceUrl_without_trailing_slash_keeps_its_path()
    {
        var serviceUrl = Channel.ServiceUrlWithPath("teams/region").TrimEnd('/');

        await Client.SendToConversationAsync(serviceUrl, "conv-1", Message("Hi"), default);

        Assert.Equal("/teams/region/v3/conversations/conv-1/activities", Assert.Single(Channel.Calls).RawTarget);
    }

    [Fact]
    public async Task UpdateActivity_puts_the_activity_at_its_id()
    {
        var response = await Client.UpdateActivityAsync(Channel.ServiceUrl, TeamsConversationId, "act-9", Message("Edited"), default);

        var call = Assert.Single(Channel.Calls);
        Assert.Equal("PUT", call.Method);
        Assert.Equal(ChannelOperation.UpdateActivity, call.Operation);
        Assert.Equal(TeamsConversationId, call.ConversationId);
        Assert.Equal("Edited", call.Activity?.Text);
        Assert.Equal("act-9", response.Id);
    }

    [Fact]
    public async Task DeleteActivity_deletes_the_activity_without_a_body()
    {
        await Client.DeleteActivityAsync(Channel.ServiceUrl, "conv-1", "act-3", default);

        var call = Assert.Single(Channel.Calls);
        Assert.Equal("DELETE", call.Method);
        Assert.Equal("/v3/conversations/conv-1/activities/act-3", call.RawTarget);
        Assert.Equal(string.Empty, call.Body);
    }

    [Fact]
    public async Task CreateConversation_posts_the_parameters_and_returns_the_new_conversation()
    {
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount("28:bot", "CareBot"),
            Members = [new ChannelAccount("29:customer", "Dana")],
            TenantId = "tenant-1",
            Activity = Message("Hi, this is CareBot following up privately."),
        };
        var serviceUrl = Channel.ServiceUrlWithPath("amer");

        var created = await Client.CreateConversationAsync(serviceUrl, parameters, default);

        var call = Assert.Single(Channel.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/amer/v3/conversations", call.RawTarget);
        Assert.Equal("29:customer", Assert.Single(call.Parameters!.Members!).Id);
        Assert.Equal("tenant-1", call.Parameters.TenantId);
        Assert.Equal("Hi, this is CareBot following up privately.", call.Parameters.Activity?.Text);
        Assert.Equal("dm-1", created.Id);
        Assert.Equal(serviceUrl, created.ServiceUrl);
        Assert.NotNull(created.ActivityId);
    }

    [Fact]
    public async Task GetConversationMembers_returns_the_members_of_the_conversation()
    {
        Channel.SetMembers(TeamsConversationId, new ChannelAccount("29:customer", "Dana"), new ChannelAccount("28:bot", "CareBot"));

        var members = await Client.GetConversationMembersAsync(Channel.ServiceUrl, TeamsConversationId, default);

        var call = Assert.Single(Channel.Calls);
        Assert.Equal("GET", call.Method);
        Assert.Equal(ChannelOperation.GetConversationMembers, call.Operation);
        Assert.Equal(TeamsConversationId, call.ConversationId);
        Assert.Equal(["29:customer", "28:bot"], members.Select(m => m.Id));
    }

    [Fact]
    public async Task GetConversationMember_returns_one_member_by_escaped_id()
    {
        Channel.SetMembers("conv-1", new ChannelAccount("29:customer@x", "Dana"));

        var member = await Client.GetConversationMemberAsync(Channel.ServiceUrl, "conv-1", "29:customer@x", default);

        Assert.Equal("/v3/conversations/conv-1/members/29%3Acustomer%40x", Assert.Single(Channel.Calls).RawTarget);
        Assert.Equal("Dana", member.Name);
    }

    [Fact]
    public async Task GetConversationMember_of_an_unknown_member_fails_not_transient_with_the_channel_error_code()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => Client.GetConversationMemberAsync(Channel.ServiceUrl, "conv-1", "nobody", default));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("MemberNotFound", error.ErrorCode);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task An_empty_success_body_gives_a_resource_response_without_id()
    {
        Channel.AnswerEmptyNext(1);

        var response = await Client.SendToConversationAsync(Channel.ServiceUrl, "conv-1", Message("Hi"), default);

        Assert.Null(response.Id);
        Assert.Single(Channel.Calls);
    }

    [Fact]
    public async Task CreateConversation_on_a_channel_without_1to1_conversations_fails_not_transient()
    {
        Channel.RefuseCreateConversation(HttpStatusCode.MethodNotAllowed);

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => Client.CreateConversationAsync(Channel.ServiceUrl, new ConversationParameters { Members = [new ChannelAccount("u1")] }, default));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, error.StatusCode);
        Assert.Equal("NotSupported", error.ErrorCode);
        Assert.False(error.IsTransient);
        Assert.Single(Channel.Calls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("/v3/relative/")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://127.0.0.1/?redirect=elsewhere")]
    public async Task A_serviceUrl_that_is_not_a_plain_http_url_is_rejected_before_anything_is_sent(string serviceUrl)
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => Client.SendToConversationAsync(serviceUrl, "conv-1", Message("Hi"), default));

        Assert.False(error.IsTransient);
        Assert.Null(error.StatusCode);
        Assert.Empty(Channel.Calls);
    }

    [Fact]
    public async Task An_empty_conversation_id_is_an_argument_error()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => Client.SendToConversationAsync(Channel.ServiceUrl, string.Empty, Message("Hi"), default));
    }

    private static Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = new ChannelAccount("28:bot", "CareBot"),
        Recipient = new ChannelAccount("29:customer", "Dana"),
        Conversation = new ConversationAccount { Id = "conv-1" },
    };
}
