using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Channel;

namespace CareBot.Server.Tests.Incidents;

/// <summary>
/// Customers of the incident tests: customer <c>n</c> posts a similar public complaint in <c>wall-n</c> as
/// <c>user-n</c>, and later talks to the bot in the private conversation it opened until it hands off.
/// </summary>
internal static partial class IncidentCustomers
{
    public const string AgentKey = "key-of-sue";

    public static Activity Complaint(FakeChannel channel, int customer, string? extra = null)
    {
        var post = Activities.Message($"Checkout crashed again and my payment failed, this is ridiculous! Order number {customer}{extra}", channel.ServiceUrl, $"wall-{customer}", isGroup: true);
        post.From = new ChannelAccount($"user-{customer}", $"Customer {customer}", RoleTypes.User);
        return post;
    }

    /// <summary>The private conversation the bot opened with each customer (by the greeting sent to them).</summary>
    public static async Task<Dictionary<int, string>> PrivateConversationsAsync(FakeChannel channel, int customers)
    {
        var greetings = await channel.WaitForCallsAsync(IsPrivateMessage, customers, TimeSpan.FromSeconds(90));
        return greetings.GroupBy(g => int.Parse(g.Activity!.Recipient!.Id!["user-".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.First().ConversationId!);
    }

    public static bool IsPrivateMessage(ChannelCall call) =>
        call.Operation == ChannelOperation.SendToConversation && call.ConversationId?.StartsWith("dm-", StringComparison.Ordinal) == true;

    /// <summary>The customer answers the bot in private (order number, email, what happened) until it opens a case; returns its id.</summary>
    public static async Task<string> HandOffInPrivateAsync(CareBotTestServer server, FakeChannel channel, string conversationId, int customer)
    {
        var say = "that's all";
        for (var step = 0; step < 6; step++)
        {
            var message = Activities.Message(say, channel.ServiceUrl, conversationId);
            message.From = new ChannelAccount($"user-{customer}", $"Customer {customer}", RoleTypes.User);
            var reply = string.Join("\n", (await server.ExchangeAsync(message)).Select(r => r.Text));
            if (CaseIdPattern().Match(reply) is { Success: true } caseId)
            {
                return caseId.Value;
            }

            say = reply.Contains("order number", StringComparison.OrdinalIgnoreCase) ? $"AB-{100000 + customer}"
                : reply.Contains("email address", StringComparison.OrdinalIgnoreCase) ? $"customer{customer}@example.test"
                : reply.Contains("what happened", StringComparison.OrdinalIgnoreCase) ? "Checkout took my money and crashed."
                : throw new InvalidOperationException($"Customer {customer} did not expect: {reply}");
        }

        throw new InvalidOperationException($"Customer {customer} was never handed off.");
    }

    public static async Task<List<JsonElement>> IncidentsAsync(CareBotTestServer server, string status)
    {
        using var response = await server.SendAsAgentAsync(HttpMethod.Get, "/api/incidents?status=" + status, AgentKey);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("incidents").EnumerateArray().Select(e => e.Clone())];
    }

    public static async Task<JsonElement> CaseAsync(CareBotTestServer server, string caseId)
    {
        using var response = await server.SendAsAgentAsync(HttpMethod.Get, "/api/cases/" + caseId, AgentKey);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [GeneratedRegex(@"C-\d+")]
    private static partial Regex CaseIdPattern();
}
