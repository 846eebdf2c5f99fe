using System.Net;
using System.Text.Json;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;
using CareBot.Server.Tests.EndToEnd;
using CareBot.Testing.Channel;
using static CareBot.Server.Tests.Incidents.IncidentCustomers;

namespace CareBot.Server.Tests.Incidents;

/// <summary>
/// Incident mode end to end on the real server and a fake channel: 30 similar public complaints from different
/// customers open one incident; the 31st gets the admin's known-issue reply in public; one update reaches every attached
/// customer privately exactly once; their hand-offs open cases in the incident; resolving closes the incident and its cases.
/// </summary>
public sealed class IncidentModeTests
{
    private const string Key = AgentKey;
    private const string KnownReply = "We know checkout payments are failing right now and we're on it. We've sent you a private message.";
    private const string Update = "Checkout payments work again. Sorry for the trouble!";

    [Fact]
    public async Task Thirty_similar_complaints_open_one_incident_the_31st_gets_the_known_reply_an_update_reaches_each_customer_once_and_resolve_closes_all_cases()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:sue"] = Key,
            ["Incidents:KnownReplyAgents:0"] = "sue",
            ["Incidents:MinimumPosts"] = "30",
            ["Outbox:PollInterval"] = "00:00:00.1",
        });

        for (var i = 1; i <= 30; i++)
        {
            using var posted = await server.PostActivityAsync(Complaint(channel, i));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        await channel.WaitForCallsAsync(c => IsGreeting(c), 30, TimeSpan.FromSeconds(60));
        var incident = Assert.Single(await ListAsync(server, "open"));
        Assert.Equal(30, incident.GetProperty("count").GetInt32());
        Assert.Contains("checkout", incident.GetProperty("keyWords").EnumerateArray().Select(w => w.GetString()));
        var id = incident.GetProperty("id").GetString()!;

        using (var set = await server.SendAsAgentAsync(HttpMethod.Post, $"/api/incidents/{id}/known-reply", Key, JsonSerializer.Serialize(new { text = KnownReply })))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        await server.PostActivityAsync(Complaint(channel, 31));
        var acknowledgment = await channel.WaitForCallsAsync(c => c.ConversationId == "wall-31" && c.Activity is not null, 1, TimeSpan.FromSeconds(30));
        Assert.Equal(KnownReply, acknowledgment[0].Activity!.Text);
        await channel.WaitForCallsAsync(c => IsGreeting(c), 31, TimeSpan.FromSeconds(60));
        Assert.Equal(31, Assert.Single(await ListAsync(server, "open")).GetProperty("count").GetInt32());

        // Every customer goes on in private until the bot hands off: 31 cases, all in the incident.
        var conversations = await PrivateConversationsAsync(channel, 31);
        var caseIds = new List<string>();
        foreach (var (customer, conversation) in conversations)
        {
            caseIds.Add(await HandOffInPrivateAsync(server, channel, conversation, customer));
        }

        Assert.Equal(caseIds.Order(), Assert.Single(await ListAsync(server, "open")).GetProperty("caseIds").EnumerateArray().Select(c => c.GetString()!).Order());

        using (var update = await server.SendAsAgentAsync(HttpMethod.Post, $"/api/incidents/{id}/updates", Key, JsonSerializer.Serialize(new { text = Update })))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        var updates = await channel.WaitForCallsAsync(c => c.Activity?.Text == Update, 31, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1)); // the outbox had time to send a second copy, if it were going to
        var delivered = channel.Calls.Where(c => c.Activity?.Text == Update).ToList();
        Assert.Equal(31, delivered.Count);
        Assert.Equal(31, delivered.Select(c => c.ConversationId).Distinct().Count());
        Assert.All(delivered, c => Assert.StartsWith("dm-", c.ConversationId, StringComparison.Ordinal));

        // One case was claimed and resolved by an agent before (its customer was asked for a rating then); one is claimed.
        await Agent(server).PostAsync(caseIds[0], "claim", HttpStatusCode.OK);
        await Agent(server).PostAsync(caseIds[0], "resolve", HttpStatusCode.OK);
        await Agent(server).PostAsync(caseIds[1], "claim", HttpStatusCode.OK);

        using (var resolve = await server.SendAsAgentAsync(HttpMethod.Post, $"/api/incidents/{id}/resolve", Key))
        {
            Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        }

        Assert.Empty(await ListAsync(server, "open"));
        Assert.Equal("Resolved", Assert.Single(await ListAsync(server, "resolved")).GetProperty("status").GetString());
        var resolved = (await Agent(server).ListCasesAsync("?status=resolved")).EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        Assert.Equal(caseIds.Order(), resolved.Order());
        Assert.Empty((await Agent(server).ListCasesAsync("?status=queued")).EnumerateArray());
        Assert.Contains((await CaseAsync(server, caseIds[1])).GetProperty("notes").EnumerateArray(),
            n => n.GetProperty("text").GetString() == $"Resolved with incident {id} by sue.");

        // Each customer is asked for a rating exactly once: 30 by the incident, one by the agent before.
        await channel.WaitForCallsAsync(IsRatingQuestion, 31, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var asked = channel.Calls.Where(IsRatingQuestion).ToList();
        Assert.Equal(31, asked.Count);
        Assert.Equal(31, asked.Select(c => c.ConversationId).Distinct().Count());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-a-key", HttpStatusCode.Unauthorized)]
    public async Task Without_a_key_the_incidents_are_not_listed(string? key, HttpStatusCode expected)
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?> { ["Agents:ApiKeys:sue"] = Key });

        using var response = await server.SendAsAgentAsync(HttpMethod.Get, "/api/incidents", key);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_known_issue_reply_too_long_for_a_public_post_is_400_and_an_unknown_incident_is_404()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:sue"] = Key,
            ["Incidents:KnownReplyAgents:0"] = "sue",
        });

        using var tooLong = await server.SendAsAgentAsync(HttpMethod.Post, "/api/incidents/I-1/known-reply", Key, JsonSerializer.Serialize(new { text = new string('a', 281) }));
        using var unknown = await server.SendAsAgentAsync(HttpMethod.Post, "/api/incidents/I-1/known-reply", Key, JsonSerializer.Serialize(new { text = "We know." }));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static bool IsGreeting(ChannelCall call) =>
        call.Operation == ChannelOperation.SendToConversation && call.ConversationId?.StartsWith("dm-", StringComparison.Ordinal) == true && call.Activity?.Text != Update;

    [Fact]
    public async Task An_agent_key_not_listed_as_a_supervisor_key_may_not_set_the_known_issue_reply()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:sue"] = Key,
            ["Agents:ApiKeys:ann"] = "key-of-ann",
            ["Incidents:KnownReplyAgents:0"] = "sue",
        });
        var body = JsonSerializer.Serialize(new { text = "We know." });

        using var ann = await server.SendAsAgentAsync(HttpMethod.Post, "/api/incidents/I-1/known-reply", "key-of-ann", body);
        using var annUpdates = await server.SendAsAgentAsync(HttpMethod.Post, "/api/incidents/I-1/updates", "key-of-ann", body);
        using var sue = await server.SendAsAgentAsync(HttpMethod.Post, "/api/incidents/I-1/known-reply", Key, body);

        Assert.Equal(HttpStatusCode.Forbidden, ann.StatusCode);
        Assert.Equal("SupervisorOnly", JsonDocument.Parse(await ann.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, annUpdates.StatusCode); // updates stay open to every agent
        Assert.Equal(HttpStatusCode.NotFound, sue.StatusCode);
    }

    private static bool IsRatingQuestion(ChannelCall call) =>
        IsPrivateMessage(call) && call.Activity?.Text?.Contains("from 1 (poor) to 5", StringComparison.Ordinal) == true;

    private static AgentClient Agent(CareBotTestServer server) => new(server, Key);

    private static async Task<List<JsonElement>> ListAsync(CareBotTestServer server, string status)
    {
        using var response = await server.SendAsAgentAsync(HttpMethod.Get, "/api/incidents?status=" + status, Key);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("incidents").EnumerateArray().Select(e => e.Clone())];
    }
}
