using System.Net;
using System.Text.Json;
using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.Agents;

/// <summary>The agents' case API over real HTTP, on a case the care dialog opened.</summary>
public sealed class CaseApiTests : IAsyncLifetime
{
    private CareBotTestServer server = null!;
    private string caseId = null!;

    public async Task InitializeAsync()
    {
        server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:ana"] = "key-of-ana",
            ["Agents:ApiKeys:ben"] = "key-of-ben",
        });
        await CareConversations.AskForAPersonAsync(server, "dm-case-api");
        using var list = await SendAsync(HttpMethod.Get, "/api/cases", "key-of-ana");
        using var body = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        caseId = body.RootElement.GetProperty("cases")[0].GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    [InlineData("")]
    public async Task Without_a_valid_agent_key_every_call_is_401(string? key)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/cases", key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Agents:ApiKeys", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_lists_the_case_as_a_summary_and_the_case_has_its_captured_values()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/cases?status=queued", "key-of-ana");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using var get = await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}", "key-of-ana");
        using var full = JsonDocument.Parse(await get.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = Assert.Single(body.RootElement.GetProperty("cases").EnumerateArray());
        Assert.Equal(caseId, listed.GetProperty("id").GetString());
        Assert.Equal("Queued", listed.GetProperty("status").GetString());
        Assert.Equal(full.RootElement.GetProperty("queue").GetString(), listed.GetProperty("queue").GetString());
        Assert.True(listed.TryGetProperty("slaDue", out _));
        Assert.True(listed.GetProperty("messageCount").GetInt32() >= 8);
        Assert.Equal(0, listed.GetProperty("noteCount").GetInt32());
        Assert.False(listed.TryGetProperty("transcript", out _));
        Assert.False(listed.TryGetProperty("captured", out _));
        var transcript = full.RootElement.GetProperty("transcript");
        var lastText = transcript[transcript.GetArrayLength() - 1].GetProperty("text").GetString()!;
        var preview = listed.GetProperty("lastMessage").GetProperty("text").GetString()!;
        Assert.True(preview.Length <= 140, $"the preview is cut to 140 characters: {preview.Length}");
        Assert.StartsWith(preview.TrimEnd('…'), lastText, StringComparison.Ordinal);
        Assert.Equal("sam@example.com", full.RootElement.GetProperty("captured").GetProperty("email").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_cases_messages_are_read_a_page_at_a_time_until_next_is_null()
    {
        using var get = await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}", "key-of-ana");
        using var full = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
        var expected = full.RootElement.GetProperty("transcript").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();

        var read = new List<string?>();
        var pages = 0;
        string? after = "0";
        while (after is not null)
        {
            using var response = await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}/messages?after={after}&limit=3", "key-of-ana");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var messages = page.RootElement.GetProperty("messages");
            Assert.InRange(messages.GetArrayLength(), 1, 3);
            Assert.Equal(expected.Count, page.RootElement.GetProperty("total").GetInt32());
            read.AddRange(messages.EnumerateArray().Select(m => m.GetProperty("text").GetString()));
            var next = page.RootElement.GetProperty("next");
            after = next.ValueKind == JsonValueKind.Null ? null : next.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
            pages++;
        }

        Assert.Equal(expected, read);
        Assert.Equal((expected.Count + 2) / 3, pages);
    }

    [Theory]
    [InlineData("?after=-1")]
    [InlineData("?after=first")]
    [InlineData("?limit=0")]
    [InlineData("?limit=201")]
    public async Task A_bad_message_page_is_400(string query)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}/messages{query}", "key-of-ana");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/cases?status=sleeping")]
    [InlineData("/api/cases?limit=0")]
    [InlineData("/api/cases?limit=lots")]
    public async Task A_bad_filter_is_400(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path, "key-of-ana");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_case_is_404()
    {
        using var get = await SendAsync(HttpMethod.Get, "/api/cases/C-999999", "key-of-ana");
        using var messages = await SendAsync(HttpMethod.Get, "/api/cases/C-999999/messages", "key-of-ana");
        using var claim = await SendAsync(HttpMethod.Post, "/api/cases/C-999999/claim", "key-of-ana");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, messages.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, claim.StatusCode);
    }

    [Fact]
    public async Task Two_agents_racing_to_claim_a_case_one_wins_the_other_gets_409()
    {
        var ana = SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", "key-of-ana");
        var ben = SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", "key-of-ben");
        var responses = await Task.WhenAll(ana, ben);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK) == await ana ? "ana" : "ben";
        using var get = await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}", "key-of-ana");
        using var body = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
        Assert.Equal(winner, body.RootElement.GetProperty("assignee").GetString());
        Assert.Equal("Assigned", body.RootElement.GetProperty("status").GetString());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_note_is_kept_with_its_author()
    {
        using var added = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/notes", "key-of-ben", """{"text":"Called the courier"}""");
        using var body = JsonDocument.Parse(await added.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var note = Assert.Single(body.RootElement.GetProperty("notes").EnumerateArray());
        Assert.Equal("ben", note.GetProperty("author").GetString());
        Assert.Equal("Called the courier", note.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("""{"text":"   "}""")]
    [InlineData("""{"note":"wrong field"}""")]
    [InlineData("""{"text":""")]
    [InlineData("not json")]
    public async Task A_bad_note_is_400(string json)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/notes", "key-of-ana", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? json = null) =>
        server.SendAsAgentAsync(method, path, key, json);
}
