using System.Net;
using System.Text.Json;
using CareBot.Care.Agents;
using CareBot.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Server.Tests.Agents;

/// <summary>
/// The supervisors' case API over real HTTP: reassign and change priority with a supervisor's key, the refusals
/// (401, 403 for an agent's key, 404, 400, 409), and the audit notes on the case.
/// </summary>
public sealed class CaseSupervisionApiTests : IAsyncLifetime
{
    private const string Sue = "key-of-sue";
    private const string Ana = "key-of-ana";
    private const string Ghost = "key-of-a-name-without-account";
    private CareBotTestServer server = null!;
    private string caseId = null!;

    public async Task InitializeAsync()
    {
        server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:sue"] = Sue,
            ["Agents:ApiKeys:ana"] = Ana,
            ["Agents:ApiKeys:ghost"] = Ghost,
            ["Outbox:Enabled"] = "false",
        });
        var accounts = server.Services.GetRequiredService<IAgentAccountStore>();
        foreach (var (name, role) in new[] { ("sue", AgentRole.Supervisor), ("ana", AgentRole.Agent), ("ben", AgentRole.Agent) })
        {
            Assert.True(await accounts.AddAsync(new AgentAccount(name, name, role, ["care"], false, "hash", 0, null, DateTimeOffset.UtcNow), CancellationToken.None));
        }

        await CareConversations.AskForAPersonAsync(server, "dm-supervision");
        using var list = await SendAsync("/api/cases", Sue, method: HttpMethod.Get);
        using var body = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        caseId = body.RootElement.GetProperty("cases")[0].GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_supervisor_reassigns_a_case_and_the_case_notes_who_moved_it()
    {
        using var response = await SendAsync($"/api/cases/{caseId}/reassign", Sue, """{"agent":"ben"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ben", body.RootElement.GetProperty("assignee").GetString());
        Assert.Contains("sue reassigned the case from the queue to ben.", Notes(body.RootElement));
    }

    [Fact]
    public async Task A_supervisor_changes_the_priority_and_the_reason_is_noted_beside_the_change()
    {
        using var response = await SendAsync($"/api/cases/{caseId}/priority", Sue, """{"priority":"urgent","reason":"Press is asking"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Urgent", body.RootElement.GetProperty("priority").GetString());
        var notes = Notes(body.RootElement);
        Assert.Contains(notes, n => n.StartsWith("sue changed the priority from ", StringComparison.Ordinal) && n.EndsWith(" to Urgent.", StringComparison.Ordinal));
        Assert.Contains("Reason for the priority change: Press is asking", notes);
    }

    [Theory]
    [InlineData("reassign", null)]
    [InlineData("reassign", "not-a-key")]
    [InlineData("priority", null)]
    public async Task Without_a_valid_key_it_is_401(string action, string? key)
    {
        using var response = await SendAsync($"/api/cases/{caseId}/{action}", key, """{"agent":"ben","priority":"high"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("reassign", Ana)]
    [InlineData("priority", Ana)]
    [InlineData("reassign", Ghost)]
    [InlineData("priority", Ghost)]
    public async Task An_agents_key_or_a_key_without_a_console_account_is_403_and_nothing_changes(string action, string key)
    {
        using var response = await SendAsync($"/api/cases/{caseId}/{action}", key, """{"agent":"ben","priority":"high"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Forbidden", await ErrorCodeAsync(response));
        using var stored = await SendAsync($"/api/cases/{caseId}", Sue, method: HttpMethod.Get);
        using var body = JsonDocument.Parse(await stored.Content.ReadAsStringAsync());
        Assert.Equal(("Queued", JsonValueKind.Null), (body.RootElement.GetProperty("status").GetString(), body.RootElement.GetProperty("assignee").ValueKind));
        Assert.Empty(Notes(body.RootElement));
    }

    [Theory]
    [InlineData("reassign", "C-999999")]
    [InlineData("priority", "C-999999")]
    [InlineData("reassign", "nope")]
    public async Task An_unknown_case_is_404(string action, string id)
    {
        using var response = await SendAsync($"/api/cases/{id}/{action}", Sue, """{"agent":"ben","priority":"high"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("reassign", "not json", "BadBody")]
    [InlineData("reassign", """["ben"]""", "BadBody")]
    [InlineData("reassign", """{"agent":""}""", "BadBody")]
    [InlineData("reassign", """{"agent":42}""", "BadBody")]
    [InlineData("reassign", """{"agent":"nobody"}""", "BadRequest")]
    [InlineData("priority", """{"priority":"huge"}""", "BadBody")]
    [InlineData("priority", """{"priority":"2"}""", "BadBody")]
    [InlineData("priority", """{"priority":"High, Low"}""", "BadBody")]
    [InlineData("priority", """{"priority":"high","reason":7}""", "BadBody")]
    public async Task A_bad_body_or_an_unknown_agent_is_400(string action, string json, string code)
    {
        using var response = await SendAsync($"/api/cases/{caseId}/{action}", Sue, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Reassigning_to_the_agent_who_has_it_or_setting_the_same_priority_is_409()
    {
        using var first = await SendAsync($"/api/cases/{caseId}/reassign", Sue, """{"agent":"ana"}""");
        using var current = await SendAsync($"/api/cases/{caseId}", Sue, method: HttpMethod.Get);
        using var body = JsonDocument.Parse(await current.Content.ReadAsStringAsync());
        var priority = body.RootElement.GetProperty("priority").GetString();

        using var again = await SendAsync($"/api/cases/{caseId}/reassign", Sue, """{"agent":"ana"}""");
        using var same = await SendAsync($"/api/cases/{caseId}/priority", Sue, $$"""{"priority":"{{priority}}"}""");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        Assert.Equal("NotPossible", await ErrorCodeAsync(same));
    }

    private static List<string> Notes(JsonElement value) =>
        [.. value.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("text").GetString()!)];

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").GetProperty("code").GetString();
    }

    private Task<HttpResponseMessage> SendAsync(string path, string? key, string? json = null, HttpMethod? method = null) =>
        server.SendAsAgentAsync(method ?? HttpMethod.Post, path, key, json);
}
