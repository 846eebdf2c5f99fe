using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Stores;

namespace CareBot.Web.Console;

/// <summary>
/// Reads the supervisor board: open cases per queue and status, the cases about to breach their SLA (due within
/// <see cref="AtRiskWindow"/>, or breached) and every account with the cases it has claimed.
/// </summary>
/// <remarks>
/// Reads through <see cref="ICaseStore.ListAsync"/> (one query per open status, at most <see cref="MaxCasesPerStatus"/>
/// each), like the inbox; when the store gets summary reads the board should count with them instead.
/// </remarks>
public sealed class ConsoleBoard(ICaseStore cases, IAgentAccountStore accounts)
{
    public const int MaxCasesPerStatus = 1000;

    public static readonly TimeSpan AtRiskWindow = TimeSpan.FromMinutes(30);

    private static readonly CaseStatus[] OpenStatuses = [CaseStatus.Queued, CaseStatus.Assigned, CaseStatus.WaitingOnCustomer];

    public async Task<BoardSnapshot> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = new List<Case>();
        foreach (var status in OpenStatuses)
        {
            var page = await cases.ListAsync(new CaseQuery(status, null, MaxCasesPerStatus), cancellationToken).ConfigureAwait(false);
            open.AddRange(page.Select(r => r.Case));
        }

        var queues = open
            .GroupBy(c => (c.Queue, c.Status))
            .Select(g => new BoardQueueCount(g.Key.Queue, g.Key.Status, g.Count()))
            .OrderBy(q => q.Queue, StringComparer.Ordinal)
            .ThenBy(q => q.Status)
            .ToList();
        var atRisk = open
            .Where(c => CaseSla.RunningDue(c) is { } due && due - now <= AtRiskWindow)
            .OrderBy(CaseSla.SortKey)
            .ToList();
        var everyone = await accounts.ListAsync(cancellationToken).ConfigureAwait(false);
        var agents = everyone
            .Select(a => new BoardAgent(a, open.Where(c => string.Equals(c.Assignee, a.UserName, StringComparison.Ordinal)).OrderBy(CaseSla.SortKey).ToList()))
            .ToList();
        var byUrgency = open.OrderByDescending(c => c.Priority).ThenBy(CaseSla.SortKey).ThenBy(c => c.Number).ToList();
        return new BoardSnapshot(queues, atRisk, agents, byUrgency);
    }
}
