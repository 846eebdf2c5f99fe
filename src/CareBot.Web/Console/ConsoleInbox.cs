using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Stores;

namespace CareBot.Web.Console;

/// <summary>
/// Reads an inbox view through <see cref="ICaseStore.ListAsync"/> (the same read the JSON API lists with), one page at a
/// time: open cases in the queues the account works, most urgent first (priority, then the running SLA due time).
/// </summary>
public sealed class ConsoleInbox(ICaseStore cases)
{
    public const int PageSize = 50;

    public async Task<InboxPage> LoadAsync(InboxView view, AgentAccount account, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        CaseStatus[] statuses = view switch
        {
            InboxView.Unassigned => [CaseStatus.Queued],
            InboxView.Mine => [CaseStatus.Assigned, CaseStatus.WaitingOnCustomer],
            _ => [CaseStatus.Queued, CaseStatus.Assigned, CaseStatus.WaitingOnCustomer],
        };

        // One more than asked tells whether there is a next page.
        var found = new List<Case>();
        foreach (var status in statuses)
        {
            foreach (var queue in QueuesOf(account))
            {
                var page = await cases.ListAsync(new CaseQuery(status, queue, limit + 1), cancellationToken).ConfigureAwait(false);
                found.AddRange(page.Select(r => r.Case).Where(c => account.Works(c.Queue)));
            }
        }

        var visible = found
            .Where(c => view != InboxView.Mine || string.Equals(c.Assignee, account.UserName, StringComparison.Ordinal))
            .OrderByDescending(c => c.Priority)
            .ThenBy(CaseSla.SortKey)
            .ThenBy(c => c.Number)
            .ToList();
        return new InboxPage(visible.Take(limit).ToList(), visible.Count > limit);
    }

    // Supervisors (and agents without queues) read every queue in one query.
    private static IEnumerable<string?> QueuesOf(AgentAccount account) =>
        account.IsSupervisor || account.Queues.Count == 0 ? [null] : account.Queues.Select(q => (string?)q);
}
