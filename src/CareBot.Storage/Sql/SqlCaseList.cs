using System.Data.Common;
using System.Globalization;
using CareBot.Care.Stores;

namespace CareBot.Storage.Sql;

/// <summary>The inbox page's query (<see cref="SqlCaseStore.ListSummariesAsync"/>), the same on both engines but for the index hint.</summary>
internal static class SqlCaseList
{
    /// <summary>The page's SELECT (also what the query-plan tests explain), its parameters added to the command.</summary>
    public static string Sql(SqlDialect dialect, DbCommand command, CaseListQuery query)
    {
        // An open view walks an open-case index in urgency order and stops at the page's end instead of sorting every
        // match (its condition is repeated below). SQLite, without statistics, would prefer ix_cases_status_queue, so it
        // is told the index (see SqlDialect.IndexedBy); PostgreSQL picks it from its statistics.
        var conditions = new List<string>();
        var index = string.Empty;
        if (CaseRows.OnlyOpen(query.Statuses))
        {
            conditions.Add(CaseRows.OpenStatusesCondition);
            index = dialect.IndexedBy(query.Assignee is null ? "ix_cases_open_urgency" : "ix_cases_open_assignee");
        }

        // A parameter per listed value: IN (...) reads the same on both engines (PostgreSQL plans it as = ANY).
        conditions.Add($"status IN ({InList(command, "@status", query.Statuses.Select(CaseRows.Status))})");
        if (query.Queues is { } queues)
        {
            conditions.Add($"queue IN ({InList(command, "@queue", queues)})");
        }

        if (query.Assignee is { } assignee)
        {
            conditions.Add("assignee = @assignee");
            command.With("@assignee", assignee);
        }

        if (query.CustomerKey is { } customer)
        {
            conditions.Add("customer_key = @customer");
            command.With("@customer", customer);
        }

        if (query.MinPriority is { } minimum)
        {
            conditions.Add("priority >= @min_priority");
            command.With("@min_priority", (int)minimum);
        }

        if (query.DueBy is { } dueBy)
        {
            conditions.Add("sla_due <= @due_by");
            command.With("@due_by", dialect.Time(dueBy));
        }

        command.With("@limit", query.Limit + 1);
        command.With("@offset", query.Offset);
        return $"""
            SELECT summary, CASE WHEN summary IS NULL THEN json END FROM cases{index}
            WHERE {string.Join(" AND ", conditions)}
            ORDER BY priority DESC, sla_due, number LIMIT @limit OFFSET @offset;
            """;
    }

    private static string InList(DbCommand command, string prefix, IEnumerable<string> values)
    {
        var names = new List<string>();
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            var name = prefix + names.Count.ToString(CultureInfo.InvariantCulture);
            command.With(name, value);
            names.Add(name);
        }

        return string.Join(", ", names);
    }
}
