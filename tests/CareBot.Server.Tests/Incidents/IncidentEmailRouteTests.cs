using System.Net;
using System.Text.Json;
using CareBot.Server.Tests.EndToEnd;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Channel;
using MimeKit;
using static CareBot.Server.Tests.Incidents.IncidentCustomers;

namespace CareBot.Server.Tests.Incidents;

/// <summary>
/// Customers whose public post continued by email (the channel opens no private chats; they posted an address) get an
/// incident's update by email, through the outbox, exactly once each, counted at the real SMTP server test.sh starts.
/// </summary>
public sealed class IncidentEmailRouteTests
{
    private const string Update = "Checkout payments work again. Sorry for the trouble!";

    // The Maildir is shared by the whole test run: this test's customers have addresses no other test uses.
    private readonly string run = Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task An_update_reaches_each_customer_who_continued_by_email_once_by_email()
    {
        var mail = TestMailServer.FromEnvironment();
        await using var channel = await FakeChannel.StartAsync();
        channel.RefuseCreateConversation();
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>(mail.SmtpSettings())
        {
            ["Agents:ApiKeys:sue"] = AgentKey,
            ["Incidents:MinimumPosts"] = "3",
            ["Outbox:PollInterval"] = "00:00:00.1",
        });
        for (var i = 1; i <= 3; i++)
        {
            using var posted = await server.PostActivityAsync(Complaint(channel, i, $". Write to me at {Address(i)}"));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        await channel.WaitForCallsAsync(c => c.ConversationId?.StartsWith("wall-", StringComparison.Ordinal) == true
            && c.Activity?.Text?.Contains("by email", StringComparison.Ordinal) == true, 3, TimeSpan.FromSeconds(60));
        var id = Assert.Single(await IncidentsAsync(server, "open")).GetProperty("id").GetString()!;

        using (var update = await server.SendAsAgentAsync(HttpMethod.Post, $"/api/incidents/{id}/updates", AgentKey, JsonSerializer.Serialize(new { text = Update })))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        for (var i = 1; i <= 3; i++)
        {
            var customer = i;
            var message = await mail.WaitForMessageAsync(m => TestMailServer.IsTo(m, Address(customer)) && m.TextBody?.Contains(Update, StringComparison.Ordinal) == true, $"update to {Address(customer)}");
            Assert.Contains($"Customer {customer}", message.TextBody, StringComparison.Ordinal);
        }

        await Task.Delay(TimeSpan.FromSeconds(2)); // the outbox had time to send a second copy, if it were going to
        var updates = await UpdatesAsync(mail);
        Assert.Equal(3, updates.Count);
        Assert.Equal([Address(1), Address(2), Address(3)], updates.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.DoesNotContain(channel.Calls, c => c.Activity?.Text == Update);
    }

    private string Address(int customer) => $"customer{customer}-{run}@example.test";

    private async Task<List<MimeMessage>> UpdatesAsync(TestMailServer mail)
    {
        var found = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(Path.Combine(mail.Maildir, "new")))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address.Contains(run, StringComparison.Ordinal)) && message.TextBody?.Contains(Update, StringComparison.Ordinal) == true)
            {
                found.Add(message);
            }
        }

        return found;
    }
}
