using System.Net;
using System.Text.Json;
using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>One agent calling the case API over real HTTP with their key.</summary>
public sealed class AgentClient(CareBotTestServer server, string key)
{
    public async Task<JsonElement> GetCaseAsync(string caseId) => await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}", HttpStatusCode.OK);

    public async Task<JsonElement> ListCasesAsync(string query = "") => (await SendAsync(HttpMethod.Get, "/api/cases" + query, HttpStatusCode.OK)).GetProperty("cases");

    /// <summary>POSTs an action (claim, reply, resolve, handback…) and checks the answer's status.</summary>
    public Task<JsonElement> PostAsync(string caseId, string action, HttpStatusCode expected, string? text = null) =>
        SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/{action}", expected, text is null ? null : JsonSerializer.Serialize(new { text }));

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpStatusCode expected, string? json = null)
    {
        using var response = await server.SendAsAgentAsync(method, path, key, json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
