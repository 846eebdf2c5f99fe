using System.Text.Json;
using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Stores;

namespace CareBot.Web.Console;

/// <summary>
/// Reads an inbox view one page at a time through <see cref="ICaseStore.ListSummariesAsync"/>: open cases in the queues
/// the account works, most urgent first (priority, then the running SLA due time), ordered and paged by the database.
/// Keeps each agent's filter in <see cref="IAgentPreferenceStore"/>.
/// </summary>
public sealed class ConsoleInbox(ICaseStore cases, IAgentPreferenceStore preferences)
{
    public const int PageSize = 50;

    /// <summary>The preference name the inbox filter is saved under.</summary>
    public const string FilterPreference = "inbox-filter";

    private static readonly JsonSerializerOptions FilterJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public async Task<CaseSummaryPage> LoadAsync(InboxFilter filter, AgentAccount account, int limit, CancellationToken cancellationToken) =>
        await cases.ListSummariesAsync(QueryFor(filter, account, limit), cancellationToken).ConfigureAwait(false);

    /// <summary>The store query a filter asks for on behalf of an account (never a queue the account does not work).</summary>
    public static CaseListQuery QueryFor(InboxFilter filter, AgentAccount account, int limit)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        CaseStatus[] statuses = filter.View switch
        {
            InboxView.Unassigned => [CaseStatus.Queued],
            InboxView.Mine => [CaseStatus.Assigned, CaseStatus.WaitingOnCustomer],
            _ => [CaseStatus.Queued, CaseStatus.Assigned, CaseStatus.WaitingOnCustomer],
        };

        // Supervisors (and agents without queues) read every queue; a chosen queue narrows it to one the account works.
        IReadOnlyList<string>? queues = account.IsSupervisor || account.Queues.Count == 0 ? null : account.Queues;
        if (filter.Queue is { } queue)
        {
            queues = queues is null || queues.Contains(queue, StringComparer.Ordinal) ? [queue] : [];
        }

        return new CaseListQuery(
            statuses,
            queues,
            filter.View == InboxView.Mine ? account.UserName : null,
            filter.MinPriority,
            Offset: 0,
            Limit: Math.Min(limit, CaseListQuery.MaxLimit));
    }

    /// <summary>The agent's saved filter; the default (All) when none was saved or it no longer reads.</summary>
    public async Task<InboxFilter> LoadFilterAsync(AgentAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var json = await preferences.GetAsync(account.UserName, FilterPreference, cancellationToken).ConfigureAwait(false);
        try
        {
            return json is null ? new InboxFilter() : JsonSerializer.Deserialize<InboxFilter>(json, FilterJson) ?? new InboxFilter();
        }
        catch (JsonException)
        {
            return new InboxFilter();
        }
    }

    public Task SaveFilterAsync(AgentAccount account, InboxFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(filter);
        return preferences.SaveAsync(account.UserName, FilterPreference, JsonSerializer.Serialize(filter, FilterJson), cancellationToken);
    }

    /// <summary>The queues an account may narrow its inbox to: its own, or for supervisors every queue an account works.</summary>
    public static IReadOnlyList<string> QueueChoices(AgentAccount account, IEnumerable<AgentAccount> everyone)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(everyone);
        var source = account.IsSupervisor || account.Queues.Count == 0 ? everyone.SelectMany(a => a.Queues) : account.Queues;
        return source.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}
