using System.Net;
using System.Text.Json;
using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.Analytics;

/// <summary><c>GET /api/analytics</c> has its own limit per caller (RateLimits:AnalyticsPermitLimit per AnalyticsWindow).</summary>
public sealed class AnalyticsRateLimitTests
{
    [Fact]
    public async Task A_caller_over_its_report_limit_gets_429_with_a_json_error_and_retry_after_while_another_caller_still_gets_reports()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:ana"] = "key-of-ana",
            ["Agents:ApiKeys:bob"] = "key-of-bob",
            ["RateLimits:AnalyticsPermitLimit"] = "3",
            ["RateLimits:AnalyticsWindow"] = "00:10:00",
        });

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await server.SendAsAgentAsync(HttpMethod.Get, "/api/analytics", "key-of-ana");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await server.SendAsAgentAsync(HttpMethod.Get, "/api/analytics", "key-of-ana");
        using var other = await server.SendAsAgentAsync(HttpMethod.Get, "/api/analytics", "key-of-bob");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("TooManyRequests", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
