using System.Net;
using System.Text.Json;
using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.Agents;

/// <summary>The agents' actions on a case over real HTTP: reply, resolve, hand back, and what the live feed shows.</summary>
public sealed class CaseActionApiTests : IAsyncLifetime
{
    private const string Ana = "key-of-ana";
    private const string Ben = "key-of-ben";
    private CareBotTestServer server = null!;
    private string caseId = null!;

    public async Task InitializeAsync()
    {
        server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:ana"] = Ana,
            ["Agents:ApiKeys:ben"] = Ben,
            // What the actions write to the outbox is delivered elsewhere's tests; here the case and the answers matter.
            ["Outbox:Enabled"] = "false",
        });
        await CareConversations.AskForAPersonAsync(server, "dm-case-actions");
        using var list = await SendAsync(HttpMethod.Get, "/api/cases", Ana);
        using var body = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        caseId = body.RootElement.GetProperty("cases")[0].GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    // Generous: guards against a hang, never measures speed.
    private static CancellationTokenSource Guard() => new(TimeSpan.FromSeconds(10));

    [Theory]
    [InlineData("reply", null)]
    [InlineData("reply", "not-a-key")]
    [InlineData("resolve", null)]
    [InlineData("handback", null)]
    [InlineData("handback", "not-a-key")]
    public async Task Without_a_valid_agent_key_an_action_is_401(string action, string? key)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/{action}", key, """{"text":"hi"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Queued", await StatusOfCaseAsync());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"text":""")]
    [InlineData("""["hi"]""")]
    [InlineData("""{"message":"wrong field"}""")]
    [InlineData("""{"text":42}""")]
    [InlineData("""{"text":""}""")]
    [InlineData("""{"text":"   "}""")]
    public async Task A_bad_reply_body_is_400(string json)
    {
        await ClaimAsync(Ana);

        using var response = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/reply", Ana, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadText", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task A_reply_over_10000_characters_is_400_and_one_of_exactly_10000_is_sent()
    {
        await ClaimAsync(Ana);

        using var tooLong = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/reply", Ana, TextBody(new string('a', 10_001)));
        using var longest = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/reply", Ana, TextBody(new string('b', 10_000)));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("10000", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
    }

    [Theory]
    [InlineData("reply", "C-999999")]
    [InlineData("resolve", "C-999999")]
    [InlineData("handback", "C-999999")]
    [InlineData("reply", "nope")]
    [InlineData("resolve", "C-0")]
    [InlineData("handback", "1042")]
    public async Task An_unknown_case_is_404(string action, string id)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/cases/{id}/{action}", Ana, """{"text":"hi"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFound", await ErrorCodeAsync(response));
    }

    [Theory]
    [InlineData("reply")]
    [InlineData("resolve")]
    [InlineData("handback")]
    public async Task Another_agents_case_is_403(string action)
    {
        await ClaimAsync(Ben);

        using var response = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/{action}", Ana, """{"text":"Ana here"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("NotYourCase", await ErrorCodeAsync(response));
        Assert.Equal("Assigned", await StatusOfCaseAsync());
    }

    [Fact]
    public async Task A_reply_on_a_case_nobody_claimed_is_409()
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/reply", Ana, """{"text":"Hello"}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("NotPossible", await ErrorCodeAsync(response));
        Assert.Contains("Claim", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolving_a_case_nobody_claimed_is_409()
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/resolve", Ana);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Queued", await StatusOfCaseAsync());
    }

    [Fact]
    public async Task The_assignees_reply_is_200_with_the_case_and_the_reply_in_its_transcript()
    {
        await ClaimAsync(Ana);

        using var response = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/reply", Ana, """{"text":"  Your new size ships today.  "}""");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(caseId, body.RootElement.GetProperty("id").GetString());
        Assert.Equal("Assigned", body.RootElement.GetProperty("status").GetString());
        var last = body.RootElement.GetProperty("transcript").EnumerateArray().Last();
        Assert.Equal("Your new size ships today.", last.GetProperty("text").GetString());
        Assert.Equal("ana", last.GetProperty("name").GetString());
        Assert.Equal("Agent", last.GetProperty("author").ToString());
    }

    [Fact]
    public async Task The_assignee_resolves_with_200_and_the_case_is_resolved()
    {
        await ClaimAsync(Ana);

        using var response = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/resolve", Ana);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Resolved", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Resolved", await StatusOfCaseAsync());
    }

    [Fact]
    public async Task The_assignee_hands_back_with_200_and_the_case_is_handed_back()
    {
        await ClaimAsync(Ana);

        using var response = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/handback", Ana);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("HandedBack", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("HandedBack", await StatusOfCaseAsync());
    }

    [Fact]
    public async Task A_resolved_case_cannot_be_resolved_again()
    {
        await ClaimAsync(Ana);
        using var first = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/resolve", Ana);

        using var second = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/resolve", Ana);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task The_live_feed_shows_the_claim_and_the_reply()
    {
        using var guard = Guard();
        using var feedRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/feed?caseId={caseId}");
        feedRequest.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Ana);
        using var feed = await server.Client.SendAsync(feedRequest, HttpCompletionOption.ResponseHeadersRead, guard.Token);
        using var reader = new StreamReader(await feed.Content.ReadAsStreamAsync(guard.Token));

        await ClaimAsync(Ana);
        using var reply = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/reply", Ana, """{"text":"On it."}""");
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);

        var assigned = await ReadEventAsync(reader, guard.Token);
        var added = await ReadEventAsync(reader, guard.Token);
        Assert.Equal(("case.assigned", "ana"), (assigned.Name, assigned.Data.GetProperty("detail").GetString()));
        Assert.Equal(("case.message_added", "Agent"), (added.Name, added.Data.GetProperty("detail").GetString()));
        Assert.All([assigned, added], e => Assert.Equal(caseId, e.Data.GetProperty("caseId").GetString()));
    }

    /// <summary>The next event on an SSE stream (keep-alive comments skipped): its name and its data.</summary>
    private static async Task<(string Name, JsonElement Data)> ReadEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 && name is not null && data is not null)
            {
                using var document = JsonDocument.Parse(data);
                return (name, document.RootElement.Clone());
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        throw new EndOfStreamException("The feed ended before the next event.");
    }

    private static string TextBody(string text) => JsonSerializer.Serialize(new Dictionary<string, string> { ["text"] = text });

    private async Task ClaimAsync(string key)
    {
        using var claim = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", key);
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
    }

    private async Task<string?> StatusOfCaseAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}", Ana);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("status").GetString();
    }

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").GetProperty("code").GetString();
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? json = null) =>
        server.SendAsAgentAsync(method, path, key, json);
}
