using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Stores;

namespace CareBot.Web.Console;

/// <summary>
/// Reads the supervisor board: open cases per queue and status, the cases about to breach their SLA (due within
/// <see cref="AtRiskWindow"/>, or breached) and every account with the cases it has claimed.
/// </summary>
/// <remarks>
/// Everything comes from the indexed columns and the summary column (<see cref="ICaseStore.CountOpenAsync"/> and
/// <see cref="ICaseStore.ListSummariesAsync"/>), never from case documents: the totals are exact however many cases are
/// open, the lists are capped (<see cref="MaxListed"/>, <see cref="MaxPerAgent"/>).
/// </remarks>
public sealed class ConsoleBoard(ICaseStore cases, IAgentAccountStore accounts)
{
    /// <summary>The most cases the at-risk list and the case picker show.</summary>
    public const int MaxListed = CaseListQuery.MaxLimit;

    /// <summary>The most case links an agent's row shows (its count is exact).</summary>
    public const int MaxPerAgent = 50;

    public static readonly TimeSpan AtRiskWindow = TimeSpan.FromMinutes(30);

    private static readonly CaseStatus[] OpenStatuses = [CaseStatus.Queued, CaseStatus.Assigned, CaseStatus.WaitingOnCustomer];

    public async Task<BoardSnapshot> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counts = await cases.CountOpenAsync(cancellationToken).ConfigureAwait(false);
        var queues = counts
            .GroupBy(c => (c.Queue, c.Status))
            .Select(g => new BoardQueueCount(g.Key.Queue, g.Key.Status, g.Sum(c => c.Count)))
            .OrderBy(q => q.Queue, StringComparer.Ordinal)
            .ThenBy(q => q.Status)
            .ToList();

        var due = await cases.ListSummariesAsync(new CaseListQuery(OpenStatuses, DueBy: now + AtRiskWindow, Limit: MaxListed), cancellationToken).ConfigureAwait(false);
        var atRisk = due.Cases.OrderBy(c => c.SlaDue).ToList();

        var everyone = await accounts.ListAsync(cancellationToken).ConfigureAwait(false);
        var agents = new List<BoardAgent>(everyone.Count);
        foreach (var account in everyone)
        {
            var claimed = counts.Where(c => string.Equals(c.Assignee, account.UserName, StringComparison.Ordinal)).Sum(c => c.Count);
            var listed = claimed == 0
                ? []
                : (await cases.ListSummariesAsync(new CaseListQuery(OpenStatuses, Assignee: account.UserName, Limit: MaxPerAgent), cancellationToken).ConfigureAwait(false))
                    .Cases.OrderBy(c => c.SlaDue).ToList();
            agents.Add(new BoardAgent(account, claimed, listed));
        }

        var open = await cases.ListSummariesAsync(new CaseListQuery(OpenStatuses, Limit: MaxListed), cancellationToken).ConfigureAwait(false);
        return new BoardSnapshot(queues, atRisk, agents, open.Cases);
    }
}
