using System.Runtime.CompilerServices;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Schema;
using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Cases;

/// <summary>
/// The inbox's read, <see cref="ICaseStore.ListSummariesAsync"/>, over 10,000 cases in the class's own database: every
/// view pages in urgency order straight from the database.
/// </summary>
public abstract class CaseListContract(StorageFixture fixture)
{
    public const int CaseCount = 10_000;

    private static readonly string[] Queues = ["care", "billing", "sales"];

    private static readonly ConditionalWeakTable<StorageFixture, Task<IReadOnlyList<Case>>> Seeded = new();

    protected StorageFixture Fixture => fixture;

    private ICaseStore Cases => fixture.Get<ICaseStore>();

    /// <summary>The 10,000 cases, stored once per database in one turn commit: queued, claimed by ana or ben, resolved.</summary>
    protected Task<IReadOnlyList<Case>> SeedAsync()
    {
        lock (Seeded)
        {
            if (!Seeded.TryGetValue(fixture, out var seeding))
            {
                seeding = SeedOnceAsync();
                Seeded.Add(fixture, seeding);
            }

            return seeding;
        }
    }

    private async Task<IReadOnlyList<Case>> SeedOnceAsync()
    {
        var now = fixture.Clock.GetUtcNow();
        var options = new CaseOptions();
        var cases = new List<Case>(CaseCount);
        for (var i = 0; i < CaseCount; i++)
        {
            var priority = (Priority)(i % 4);
            var at = now - TimeSpan.FromSeconds((i * 7919L) % 86_400);
            var (opened, _) = Case.Open(
                100_000 + i,
                $"seed/{i}",
                new CaseCustomer("webchat", "u-" + (i % 2_001), "Customer " + i),
                new CaseOrigin(CaseOriginKind.PrivateChat, null, null, new ConversationReference { ChannelId = "webchat", Conversation = new ConversationAccount { Id = "c-" + i } }),
                Queues[i % 3],
                priority,
                "seed",
                new Dictionary<string, CapturedValue>(),
                options.TargetFor(priority),
                at);
            opened.Enqueue(at);
            opened.RecordCustomerMessage(CaseThread.Private, "message of case " + i, at);
            opened.AddTag("seeded", "test", at);
            switch (i % 10)
            {
                case 0 or 1:
                    opened.Claim("ana", at);
                    opened.Resolve(at);
                    break;
                case 2 or 3:
                    opened.Claim("ana", at);
                    break;
                case 4:
                    opened.Claim("ben", at);
                    opened.WaitForCustomer(at);
                    break;
            }

            cases.Add(opened);
        }

        await fixture.Get<ITurnCommitStore>().CommitAsync(new TurnCommit([], cases, []), CancellationToken.None);
        return cases;
    }

    private static List<string> Expected(IEnumerable<Case> cases, int offset, int limit) =>
        cases.OrderByDescending(c => c.Priority)
            .ThenBy(c => c.FirstRespondedAt is null ? c.FirstResponseDue : c.ResolutionDue)
            .ThenBy(c => c.Number)
            .Skip(offset)
            .Take(limit)
            .Select(c => c.Id)
            .ToList();

    private static bool IsOpen(Case c) => c.Status is CaseStatus.Queued or CaseStatus.Assigned or CaseStatus.WaitingOnCustomer;

    [Fact]
    public async Task Every_inbox_view_pages_through_ten_thousand_cases_most_urgent_first()
    {
        var all = await SeedAsync();
        CaseStatus[] open = [CaseStatus.Queued, CaseStatus.Assigned, CaseStatus.WaitingOnCustomer];

        var first = await Cases.ListSummariesAsync(new CaseListQuery(open, Limit: 50), CancellationToken.None);
        var deep = await Cases.ListSummariesAsync(new CaseListQuery(open, Offset: 5_000, Limit: 50), CancellationToken.None);
        var unassignedCare = await Cases.ListSummariesAsync(new CaseListQuery([CaseStatus.Queued], ["care"], Limit: 20), CancellationToken.None);
        var mine = await Cases.ListSummariesAsync(new CaseListQuery([CaseStatus.Assigned, CaseStatus.WaitingOnCustomer], ["care", "sales"], "ana", Limit: 30), CancellationToken.None);
        var urgentSales = await Cases.ListSummariesAsync(new CaseListQuery([CaseStatus.Queued], ["sales"], MinPriority: Priority.High, Offset: 10, Limit: 40), CancellationToken.None);
        var last = await Cases.ListSummariesAsync(new CaseListQuery([CaseStatus.WaitingOnCustomer], Offset: 990, Limit: 50), CancellationToken.None);

        Assert.Equal(Expected(all.Where(IsOpen), 0, 50), first.Cases.Select(c => c.Id));
        Assert.True(first.HasMore);
        Assert.Equal(Expected(all.Where(IsOpen), 5_000, 50), deep.Cases.Select(c => c.Id));
        Assert.Equal(Expected(all.Where(c => c.Status == CaseStatus.Queued && c.Queue == "care"), 0, 20), unassignedCare.Cases.Select(c => c.Id));
        Assert.Equal(
            Expected(all.Where(c => IsOpen(c) && c.Assignee == "ana" && c.Queue is "care" or "sales"), 0, 30),
            mine.Cases.Select(c => c.Id));
        Assert.Equal(
            Expected(all.Where(c => c.Status == CaseStatus.Queued && c.Queue == "sales" && c.Priority >= Priority.High), 10, 40),
            urgentSales.Cases.Select(c => c.Id));
        Assert.Equal(10, last.Cases.Count);
        Assert.False(last.HasMore);
    }

    [Fact]
    public async Task A_summary_carries_what_an_inbox_row_shows()
    {
        var all = await SeedAsync();
        var expected = all.Single(c => c.Number == 100_004);

        var page = await Cases.ListSummariesAsync(
            new CaseListQuery([CaseStatus.WaitingOnCustomer], ["billing"], "ben", Limit: CaseListQuery.MaxLimit), CancellationToken.None);

        var summary = Assert.Single(page.Cases, c => c.Id == expected.Id);
        Assert.Equal(CaseSummary.Of(expected) with { Tags = null }, summary with { Tags = null });
        Assert.Equal(["seeded"], summary.Tags!);
    }

    [Fact]
    public async Task A_customers_cases_open_and_closed_are_listed_from_their_key()
    {
        var all = await SeedAsync();

        var history = await Cases.ListSummariesAsync(
            new CaseListQuery(CaseListQuery.AnyStatus, CustomerKey: "webchat:u-7", Limit: 20), CancellationToken.None);

        Assert.Equal(Expected(all.Where(c => c.Customer.UserId == "u-7"), 0, 20), history.Cases.Select(c => c.Id));
        Assert.Equal(5, history.Cases.Count);
        Assert.Contains(history.Cases, c => c.Status == CaseStatus.Resolved);
    }

    [Fact]
    public async Task Open_cases_are_counted_per_queue_status_and_assignee_and_closed_ones_are_not()
    {
        var all = await SeedAsync();

        var counts = await Cases.CountOpenAsync(CancellationToken.None);

        var expected = all.Where(IsOpen)
            .GroupBy(c => (c.Queue, c.Status, c.Assignee))
            .Select(g => new OpenCaseCount(g.Key.Queue, g.Key.Status, g.Key.Assignee, g.Count()))
            .OrderBy(c => c.Queue, StringComparer.Ordinal).ThenBy(c => c.Status).ThenBy(c => c.Assignee, StringComparer.Ordinal);
        Assert.Equal(expected, counts.OrderBy(c => c.Queue, StringComparer.Ordinal).ThenBy(c => c.Status).ThenBy(c => c.Assignee, StringComparer.Ordinal));
        Assert.Equal(all.Count(IsOpen), counts.Sum(c => c.Count));
    }

    [Fact]
    public async Task Cases_due_by_a_moment_are_listed_most_urgent_first_and_later_ones_are_not()
    {
        var all = await SeedAsync();
        CaseStatus[] open = [CaseStatus.Queued, CaseStatus.Assigned, CaseStatus.WaitingOnCustomer];
        var dueBy = fixture.Clock.GetUtcNow() - TimeSpan.FromHours(20);
        static DateTimeOffset Due(Case c) => c.FirstRespondedAt is null ? c.FirstResponseDue : c.ResolutionDue;

        var page = await Cases.ListSummariesAsync(new CaseListQuery(open, DueBy: dueBy, Limit: CaseListQuery.MaxLimit), CancellationToken.None);

        var due = all.Where(c => IsOpen(c) && Due(c) <= dueBy).ToList();
        Assert.InRange(due.Count, 1, CaseListQuery.MaxLimit);
        Assert.True(due.Count < all.Count(IsOpen));
        Assert.Equal(Expected(due, 0, CaseListQuery.MaxLimit), page.Cases.Select(c => c.Id));
    }

    [Fact]
    public async Task No_queue_at_all_lists_nothing_and_a_bad_page_is_refused()
    {
        await SeedAsync();

        var none = await Cases.ListSummariesAsync(new CaseListQuery([CaseStatus.Queued], []), CancellationToken.None);

        Assert.Empty(none.Cases);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Cases.ListSummariesAsync(new CaseListQuery([]), CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Cases.ListSummariesAsync(new CaseListQuery([CaseStatus.Queued], Limit: CaseListQuery.MaxLimit + 1), CancellationToken.None));
    }
}
