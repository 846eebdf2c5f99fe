using System.Net;
using CareBot.Server.Composition;
using CareBot.Server.Tests.Hosting;
using Microsoft.AspNetCore.Http;

namespace CareBot.Server.Tests.Observability;

/// <summary>The Prometheus scrape endpoint of the real server: what a turn adds to it, and who may read it.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task After_a_turn_the_metrics_show_it_counted_by_channel_visibility_and_outcome()
    {
        await using var server = await CareBotTestServer.StartAsync();
        var channel = "metrics-" + Guid.NewGuid().ToString("N")[..8];

        await server.ExchangeAsync(Activities.Message("hello", Activities.UnusedServiceUrl, "conv-metrics", channelId: channel));
        using var response = await server.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turns = text.Split('\n').Where(line => line.StartsWith("carebot_turns_total{", StringComparison.Ordinal) && line.Contains($"channel=\"{channel}\"", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(turns);
        Assert.Contains("visibility=\"private\"", line, StringComparison.Ordinal);
        Assert.Contains("outcome=\"200\"", line, StringComparison.Ordinal);
        Assert.Matches(@"\} 1( \d+)?$", line.TrimEnd());
        Assert.Contains("carebot_turn_duration", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7")]
    public async Task A_scrape_through_a_proxy_is_refused_by_default(string header, string value)
    {
        await using var server = await CareBotTestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(header, value);

        using var refused = await server.Client.SendAsync(request);
        var body = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("\"LoopbackOnly\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("carebot_", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_AllowRemote_a_scrape_through_a_proxy_is_answered()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?> { ["OpenTelemetry:Prometheus:AllowRemote"] = "true" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task With_Prometheus_disabled_there_is_no_metrics_endpoint()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?> { ["OpenTelemetry:Prometheus:Enabled"] = "false" });

        using var response = await server.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", false, true)]
    [InlineData("::1", false, true)]
    [InlineData("203.0.113.7", false, false)]
    [InlineData("10.0.0.5", false, false)]
    [InlineData("203.0.113.7", true, true)]
    public void Only_this_machine_may_scrape_unless_remote_scrapes_are_allowed(string remote, bool allowRemote, bool allowed)
    {
        Assert.Equal(allowed, MetricsLoopbackGuard.IsAllowed(IPAddress.Parse(remote), new HeaderDictionary(), allowRemote));
    }
}
