using System.Net;
using System.Text.Json;
using CareBot.Care.Email;
using CareBot.Care.Stores;
using CareBot.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Server.Tests.Agents;

/// <summary>Messages the outbox gave up on are listed for admins, with their error and without their payload.</summary>
public sealed class DeadLetterApiTests
{
    private static readonly Dictionary<string, string?> Keys = new() { ["Agents:ApiKeys:ann"] = "key-ann" };

    [Fact]
    public async Task An_email_to_an_invalid_address_goes_dead_at_once_and_is_listed_without_its_payload()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: Keys);
        var email = new EmailMessage("dead-letter-test/1", "not an address", null, "Your case", "secret body text");
        await server.Services.GetRequiredService<IOutboxStore>().EnqueueAsync([EmailOutbox.Message(email)], CancellationToken.None);
        server.Services.GetRequiredService<Care.Stores.OutboxSignal>().Notify();

        var dead = await WaitForDeadAsync(server);

        Assert.Equal("dead-letter-test/1", dead.GetProperty("idempotencyKey").GetString());
        Assert.Equal("Email", dead.GetProperty("kind").GetString());
        Assert.Contains("not one valid email address", dead.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.False(dead.TryGetProperty("payloadJson", out _));
    }

    [Fact]
    public async Task The_list_needs_an_agent_key_and_a_sane_limit()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: Keys);

        using var anonymous = await server.Client.GetAsync("/api/outbox/dead");
        using var badLimit = await server.SendAsAgentAsync(HttpMethod.Get, "/api/outbox/dead?limit=0", "key-ann");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    private static async Task<JsonElement> WaitForDeadAsync(CareBotTestServer server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await server.SendAsAgentAsync(HttpMethod.Get, "/api/outbox/dead", "key-ann", cancellationToken: timeout.Token);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
            var messages = body.RootElement.GetProperty("messages");
            if (messages.GetArrayLength() > 0)
            {
                return messages[0].Clone();
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
