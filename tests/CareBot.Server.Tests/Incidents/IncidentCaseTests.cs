using System.Net;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Channel;
using MimeKit;
using static CareBot.Server.Tests.Incidents.IncidentCustomers;

namespace CareBot.Server.Tests.Incidents;

/// <summary>
/// Incidents:AttachCases end to end: a hand-off from a customer whose public post is attached to an open incident opens
/// a case that belongs to the incident (and pages nobody); switched off, the case pages the agents as any other.
/// </summary>
public sealed class IncidentCaseTests
{
    private const string AgentEmail = "care-team@example.test";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_hand_off_from_an_attached_customer_joins_the_incident_instead_of_paging_agents_unless_switched_off(bool attachCases)
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:sue"] = AgentKey,
            ["Incidents:MinimumPosts"] = "3",
            ["Incidents:AttachCases"] = attachCases ? "true" : "false",
            ["Notifications:AgentEmail"] = AgentEmail,
            ["Outbox:PollInterval"] = "00:00:00.1",
        });
        for (var i = 1; i <= 3; i++)
        {
            using var posted = await server.PostActivityAsync(Complaint(channel, i));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        var conversations = await PrivateConversationsAsync(channel, 3);
        var incidentId = Assert.Single(await IncidentsAsync(server, "open")).GetProperty("id").GetString()!;

        var caseId = await HandOffInPrivateAsync(server, channel, conversations[2], 2);

        var opened = await CaseAsync(server, caseId);
        Assert.Equal("Queued", opened.GetProperty("status").GetString());
        var caseIds = Assert.Single(await IncidentsAsync(server, "open")).GetProperty("caseIds").EnumerateArray().Select(c => c.GetString()).ToList();
        if (attachCases)
        {
            Assert.Equal(incidentId, opened.GetProperty("incidentId").GetString());
            Assert.Contains(opened.GetProperty("notes").EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains(incidentId, StringComparison.Ordinal));
            Assert.Equal([caseId], caseIds);
            await Task.Delay(TimeSpan.FromSeconds(2)); // the outbox had time to page, if it were going to
            Assert.Empty(AgentEmailsAbout(server, caseId));
            Assert.Single(AgentEmailsAbout(server, incidentId)); // the incident's one alert
        }
        else
        {
            Assert.False(opened.TryGetProperty("incidentId", out var none) && none.ValueKind != System.Text.Json.JsonValueKind.Null);
            Assert.Empty(caseIds);
            await WaitForAsync(() => AgentEmailsAbout(server, caseId).Count == 1);
        }
    }

    private static List<MimeMessage> AgentEmailsAbout(CareBotTestServer server, string id) =>
        [.. (Directory.Exists(server.MailPickupFolder) ? Directory.GetFiles(server.MailPickupFolder, "*.eml") : [])
            .Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(a => a.Address == AgentEmail) && (m.Subject ?? string.Empty).Contains(id, StringComparison.Ordinal))];

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "timed out");
            await Task.Delay(100);
        }
    }
}
