using CareBot.Care.Incidents;
using CareBot.Care.Stores;
using CareBot.Protocol.Schema;
using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Incidents;

/// <summary>What every <see cref="IIncidentStore"/> and <see cref="ICareReportSource"/> does, whatever the engine.</summary>
public abstract class IncidentStoreContract(StorageFixture fixture)
{
    private IIncidentStore Incidents => fixture.Get<IIncidentStore>();

    private IOutboxStore Outbox => fixture.Get<IOutboxStore>();

    private Incident NewIncident() => new()
    {
        Id = "I-" + Guid.NewGuid().ToString("N")[..12],
        KeyWords = ["checkout", "payment"],
        FirstSeen = fixture.Clock.GetUtcNow(),
        LastSeen = fixture.Clock.GetUtcNow(),
    };

    private IncidentMember Member(string user) =>
        new("facebook", "wall-" + user, user, new ConversationReference { ChannelId = "facebook", Conversation = new ConversationAccount("wall-" + user) }, fixture.Clock.GetUtcNow());

    [Fact]
    public async Task A_saved_incident_reads_back_with_its_members_and_lists_under_its_status()
    {
        var incident = NewIncident().Attach(Member("u1"), "checkout broken").Attach(Member("u2"), "payment failed at checkout");

        var version = await Incidents.SaveAsync(incident, 0, [], CancellationToken.None);
        var read = await Incidents.GetAsync(incident.Id, CancellationToken.None);
        var open = await Incidents.ListAsync(IncidentStatus.Open, 100, CancellationToken.None);
        var resolved = await Incidents.ListAsync(IncidentStatus.Resolved, 100, CancellationToken.None);

        Assert.Equal(1, version);
        Assert.Equal(2, read!.Value.Incident.Count);
        Assert.Equal(["checkout", "payment"], read.Value.Incident.KeyWords);
        Assert.Contains(open, i => i.Incident.Id == incident.Id);
        Assert.DoesNotContain(resolved, i => i.Incident.Id == incident.Id);
    }

    [Fact]
    public async Task A_stale_version_throws_and_stores_neither_the_change_nor_its_outbox_rows()
    {
        var incident = NewIncident();
        await Incidents.SaveAsync(incident, 0, [], CancellationToken.None);
        await Incidents.SaveAsync(incident with { KnownIssueReply = "first" }, 1, [], CancellationToken.None);
        var key = "incident-test/" + incident.Id;

        await Assert.ThrowsAsync<IncidentConflictException>(() =>
            Incidents.SaveAsync(incident with { KnownIssueReply = "stale" }, 1, [new NewOutboxMessage(OutboxKind.Email, key, "{}")], CancellationToken.None));
        await Assert.ThrowsAsync<IncidentConflictException>(() => Incidents.SaveAsync(incident, 0, [], CancellationToken.None));

        Assert.Equal("first", (await Incidents.GetAsync(incident.Id, CancellationToken.None))!.Value.Incident.KnownIssueReply);
        var pending = await Outbox.ClaimDueAsync(1000, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.DoesNotContain(pending, m => m.IdempotencyKey == key);
    }

    [Fact]
    public async Task The_report_source_lists_conversation_states_written_since_a_time_and_nothing_else()
    {
        var key = "conversation/facebook/" + Guid.NewGuid().ToString("N");
        var other = "user/" + Guid.NewGuid().ToString("N");
        await fixture.Get<IStateStore>().WriteAsync([new StateWrite(key, "{}", null), new StateWrite(other, "{}", null)], CancellationToken.None);

        var since = await fixture.Get<ICareReportSource>().ListConversationStatesAsync(fixture.Clock.GetUtcNow().AddMinutes(-1), 1000, CancellationToken.None);
        var later = await fixture.Get<ICareReportSource>().ListConversationStatesAsync(fixture.Clock.GetUtcNow().AddMinutes(1), 1000, CancellationToken.None);

        Assert.Contains(since, s => s.Key == key);
        Assert.DoesNotContain(since, s => s.Key == other);
        Assert.DoesNotContain(later, s => s.Key == key);
    }
}
