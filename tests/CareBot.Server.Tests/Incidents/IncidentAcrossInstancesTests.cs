using System.Net;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Channel;
using static CareBot.Server.Tests.Incidents.IncidentCustomers;

namespace CareBot.Server.Tests.Incidents;

/// <summary>
/// Two server instances on one PostgreSQL database, as behind a load balancer: the detector's window is shared, so 30
/// similar complaints spread over both open one incident, even when both instances cross the threshold at once.
/// </summary>
public sealed class IncidentAcrossInstancesTests
{
    private const int Complaints = 30;

    [Fact]
    public async Task Thirty_similar_complaints_alternating_between_two_instances_open_one_incident_with_all_thirty()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var database = await TestPostgresDatabase.CreateAsync();
        var settings = Settings(database);
        await using var a = await CareBotTestServer.StartAsync(settings: settings);
        await using var b = await CareBotTestServer.StartAsync(settings: settings);

        for (var i = 1; i <= Complaints; i++)
        {
            using var posted = await (i % 2 == 1 ? a : b).PostActivityAsync(Complaint(channel, i));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        var seenOnA = Assert.Single(await IncidentsAsync(a, "open"));
        var seenOnB = Assert.Single(await IncidentsAsync(b, "open"));
        Assert.Equal(Complaints, seenOnA.GetProperty("count").GetInt32());
        Assert.Equal(seenOnA.GetProperty("id").GetString(), seenOnB.GetProperty("id").GetString());
    }

    [Fact]
    public async Task When_both_instances_cross_the_threshold_at_the_same_moment_one_incident_opens()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var database = await TestPostgresDatabase.CreateAsync();
        var settings = Settings(database);
        await using var a = await CareBotTestServer.StartAsync(settings: settings);
        await using var b = await CareBotTestServer.StartAsync(settings: settings);

        // Pairs of complaints reach both instances at once; the last pair makes 30 on each side together.
        for (var i = 1; i <= Complaints; i += 2)
        {
            var posted = await Task.WhenAll(a.PostActivityAsync(Complaint(channel, i)), b.PostActivityAsync(Complaint(channel, i + 1)));
            Assert.All(posted, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
            Array.ForEach(posted, p => p.Dispose());
        }

        var incident = Assert.Single(await IncidentsAsync(a, "open"));
        Assert.Equal(Complaints, incident.GetProperty("count").GetInt32());
        Assert.Empty(await IncidentsAsync(b, "resolved"));
    }

    private static Dictionary<string, string?> Settings(TestPostgresDatabase database) => new()
    {
        ["ConnectionStrings:Postgres"] = database.ConnectionString,
        ["Agents:ApiKeys:sue"] = AgentKey,
        ["Incidents:MinimumPosts"] = Complaints.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
