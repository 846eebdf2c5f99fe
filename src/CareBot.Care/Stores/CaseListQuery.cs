using CareBot.Care.Cases;
using CareBot.Dialogs.Model;

namespace CareBot.Care.Stores;

/// <summary>
/// A filter for <see cref="ICaseStore.ListSummariesAsync"/>: the inbox's views (open cases, unclaimed, mine, per queue)
/// as one query the database answers page by page from its indexes.
/// </summary>
/// <param name="Statuses">The statuses to show; at least one.</param>
/// <param name="Queues">Only cases in these queues; null for every queue (an empty list matches nothing).</param>
/// <param name="Assignee">Only cases claimed by this agent; null for any.</param>
/// <param name="MinPriority">Only cases at least this urgent; null for any.</param>
/// <param name="CustomerKey">Only cases of this customer (<see cref="CustomerKeyOf"/>); null for any.</param>
/// <param name="Offset">Cases to skip, most urgent first.</param>
/// <param name="Limit">The most cases a page holds.</param>
/// <param name="DueBy">Only cases whose SLA due time (first response until someone responded, then resolution) is at or
/// before this moment; null for any. The supervisor board's "about to breach" list.</param>
public sealed record CaseListQuery(
    IReadOnlyList<CaseStatus> Statuses,
    IReadOnlyList<string>? Queues = null,
    string? Assignee = null,
    Priority? MinPriority = null,
    string? CustomerKey = null,
    int Offset = 0,
    int Limit = 50,
    DateTimeOffset? DueBy = null)
{
    /// <summary>Every status, for lists that include closed cases (a customer's history).</summary>
    public static readonly IReadOnlyList<CaseStatus> AnyStatus = Enum.GetValues<CaseStatus>();

    /// <summary>How a customer is named across their cases: channel and user id.</summary>
    public static string CustomerKeyOf(CaseCustomer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return customer.ChannelId + ":" + customer.UserId;
    }

    /// <summary>The most cases one page may ask for.</summary>
    public const int MaxLimit = 500;

    /// <summary>Throws <see cref="ArgumentException"/> when the query cannot be answered (no status, a bad page).</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Statuses);
        if (Statuses.Count == 0)
        {
            throw new ArgumentException("A case list needs at least one status.", nameof(Statuses));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(Offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Limit, MaxLimit);
    }
}
