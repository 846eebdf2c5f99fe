using CareBot.Care.Analytics;
using CareBot.Care.Tests.Cases;
using CareBot.Dialogs.Model;

namespace CareBot.Care.Tests.Analytics;

public sealed class CaseQualityScoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_case_page_history_counts_the_same_reopenings_as_the_report()
    {
        var (resolved, _) = CaseTests.Open(Priority.Normal, number: 1);
        resolved.Enqueue(T0);
        resolved.Claim("ana", T0);
        resolved.Resolve(T0.AddHours(1));
        var (reopened, _) = CaseTests.Open(Priority.Normal, number: 2, creationKey: "conv-1#9");
        var (muchLater, _) = CaseTests.Open(Priority.Normal, number: 3, creationKey: "conv-1#12");
        var history = new[] { (resolved.Id, T0), (reopened.Id, T0.AddDays(2)), (muchLater.Id, T0.AddDays(9)) };

        // The report's cases (all opened at T0 by the helper) and the page's summaries (dated above) by the one rule.
        Assert.Equal(1, CaseQualityScore.ReopeningsOf(resolved, history));
        Assert.Equal(0, CaseQualityScore.ReopeningsOf(resolved, [reopened, muchLater]));
        Assert.Equal(60, CaseQualityScore.Compute(resolved, CaseQualityScore.ReopeningsOf(resolved, history), T0.AddDays(10)));
    }
}
