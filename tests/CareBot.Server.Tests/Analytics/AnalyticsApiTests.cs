using System.Net;
using System.Text.Json;
using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.Analytics;

/// <summary>
/// <c>GET /api/analytics</c> over real HTTP against a scripted day of care (<see cref="ScriptedCareHistory"/>) whose
/// right answers were worked out by hand.
/// </summary>
public sealed class AnalyticsApiTests : IAsyncLifetime
{
    private const string Key = "key-of-ana";
    private const string Day = "/api/analytics?from=2026-11-10&to=2026-11-11";
    private CareBotTestServer server = null!;

    public async Task InitializeAsync()
    {
        server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:ana"] = Key,
            ["Outbox:Enabled"] = "false",
        });
        await ScriptedCareHistory.WriteAsync(server.Services);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private async Task<JsonElement> ReportAsync(string path)
    {
        using var response = await server.SendAsAgentAsync(HttpMethod.Get, path, Key);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Volume_answers_acknowledgment_time_and_conversion_match_the_script()
    {
        var overall = (await ReportAsync(Day)).GetProperty("overall");

        Assert.Equal(3, overall.GetProperty("publicPosts").GetInt32());
        Assert.Equal(5, overall.GetProperty("privateConversations").GetInt32());
        AssertShare(overall.GetProperty("publicAnswered"), 2, 3);
        AssertPercentiles(overall.GetProperty("timeToPublicAcknowledgment"), 2, 30, 90);
        AssertShare(overall.GetProperty("publicToPrivate"), 2, 3);
    }

    [Fact]
    public async Task Containment_hand_offs_by_reason_and_drop_off_match_the_script()
    {
        var overall = (await ReportAsync(Day)).GetProperty("overall");

        AssertShare(overall.GetProperty("containment"), 3, 7);
        var reasons = overall.GetProperty("handoffsByReason");
        AssertShare(reasons.GetProperty("care/handoff_team"), 2, 7);
        AssertShare(reasons.GetProperty("care/handoff_heated"), 1, 7);
        Assert.Equal(1, overall.GetProperty("dropOffByNode").GetProperty("ask_order").GetInt32());
        Assert.Single(overall.GetProperty("dropOffByNode").EnumerateObject());
        Assert.Equal(
            ["refund:1", "unspecified:1", "where_is_my_order:1"],
            overall.GetProperty("topComplaintReasons").EnumerateArray().Select(p => $"{p.GetProperty("key").GetString()}:{p.GetProperty("value").GetInt32()}"));
    }

    [Fact]
    public async Task Response_and_resolution_times_SLA_CSAT_sentiment_and_quality_match_the_script()
    {
        var overall = (await ReportAsync(Day)).GetProperty("overall");

        AssertPercentiles(overall.GetProperty("firstHumanResponse"), 2, 600, 1200);
        AssertPercentiles(overall.GetProperty("resolution"), 2, 3480, 7200);
        AssertShare(overall.GetProperty("slaMetByPriority").GetProperty("high"), 1, 1);
        AssertShare(overall.GetProperty("slaMetByPriority").GetProperty("normal"), 1, 2);
        var csat = overall.GetProperty("csat");
        Assert.Equal(4.5, csat.GetProperty("average").GetDouble());
        Assert.Equal([0, 0, 0, 1, 1], csat.GetProperty("distribution").EnumerateArray().Select(e => e.GetInt32()));
        AssertShare(csat.GetProperty("responseRate"), 2, 2);
        var sentiment = overall.GetProperty("sentiment");
        Assert.Equal(5, sentiment.GetProperty("conversations").GetInt32());
        Assert.Equal(-0.32, sentiment.GetProperty("atEntry").GetDouble(), 3);
        Assert.Equal(-0.22, sentiment.GetProperty("atClose").GetDouble(), 3);
        Assert.Equal(0.1, sentiment.GetProperty("delta").GetDouble(), 3);
        // A: 75 + 25 × (0.2 − (−0.8)) = 100; B: 75 − 20 (first response overdue) = 55; C: 75.
        Assert.Equal(76.7, overall.GetProperty("averageQualityScore").GetDouble());
    }

    [Fact]
    public async Task Figures_are_given_per_channel_and_a_channel_filter_keeps_only_that_channel()
    {
        var report = await ReportAsync(Day);
        var facebook = report.GetProperty("byChannel").GetProperty("facebook");
        var webchat = report.GetProperty("byChannel").GetProperty("webchat");
        var filtered = await ReportAsync(Day + "&channel=webchat");

        Assert.Equal(3, facebook.GetProperty("publicPosts").GetInt32());
        Assert.Equal(1, facebook.GetProperty("privateConversations").GetInt32());
        Assert.Equal(0, webchat.GetProperty("publicPosts").GetInt32());
        Assert.Equal(4, webchat.GetProperty("privateConversations").GetInt32());
        Assert.Equal(4, filtered.GetProperty("overall").GetProperty("privateConversations").GetInt32());
        Assert.Equal(0, filtered.GetProperty("overall").GetProperty("publicPosts").GetInt32());
        Assert.Equal(["webchat"], filtered.GetProperty("byChannel").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_CSV_export_holds_the_same_figures_one_per_row()
    {
        using var response = await server.SendAsAgentAsync(HttpMethod.Get, Day + "&format=csv", Key);
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("scope,metric,key,value", rows[0]);
        Assert.Contains("overall,public_posts,,3", rows);
        Assert.Contains("overall,public_acknowledgment_seconds_p90,,90", rows);
        Assert.Contains("overall,handoffs_count,care/handoff_team,2", rows);
        Assert.Contains("overall,sla_met_percent,normal,50", rows);
        Assert.Contains("webchat,drop_off,ask_order,1", rows);
        Assert.Contains("overall,csat_average,,4.5", rows);
    }

    [Theory]
    [InlineData("from=yesterday&to=2026-11-11", "BadDate")]
    [InlineData("from=2026-11-10", "BadDate")]
    [InlineData("from=2026-11-11&to=2026-11-10", "BadRange")]
    [InlineData("from=2026-01-01&to=2026-12-01", "RangeTooLong")]
    [InlineData("from=2026-11-10&to=2026-11-11&format=xlsx", "BadFormat")]
    public async Task A_bad_query_is_400_with_a_code(string query, string code)
    {
        using var response = await server.SendAsAgentAsync(HttpMethod.Get, "/api/analytics?" + query, Key);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    public async Task Without_a_key_or_a_supervisor_sign_in_the_report_is_401(string? key)
    {
        using var response = await server.SendAsAgentAsync(HttpMethod.Get, Day, key);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("publicPosts", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_page_sends_a_visitor_who_is_not_signed_in_to_the_sign_in_page()
    {
        using var response = await server.Client.GetAsync("/admin/report?from=2026-11-10&to=2026-11-11");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains("signin", response.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Social-care report", body, StringComparison.Ordinal);
    }

    private static void AssertShare(JsonElement share, int count, int of)
    {
        Assert.Equal(count, share.GetProperty("count").GetInt32());
        Assert.Equal(of, share.GetProperty("of").GetInt32());
    }

    private static void AssertPercentiles(JsonElement percentiles, int count, double p50, double p90)
    {
        Assert.Equal(count, percentiles.GetProperty("count").GetInt32());
        Assert.Equal(p50, percentiles.GetProperty("p50").GetDouble(), 3);
        Assert.Equal(p90, percentiles.GetProperty("p90").GetDouble(), 3);
    }
}
