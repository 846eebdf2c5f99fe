using System.Data.Common;
using CareBot.Care.Stores;
using CareBot.Storage.Sql;

namespace CareBot.Storage.Sqlite;

/// <summary>The inbox page's query on SQLite (<see cref="SqlDialect.ListCaseSummariesSql"/>), which names the index to walk.</summary>
internal static class SqliteCaseList
{
    /// <summary>The page's SELECT (also what the query-plan test explains), its parameters added to the command.</summary>
    public static string Sql(DbCommand command, CaseListQuery query)
    {
        // Without statistics SQLite prefers ix_cases_status_queue and sorts every match; walking an open-case index in
        // urgency order stops at the page's end instead, so open views name that index (its condition is repeated below).
        var conditions = new List<string>();
        var index = string.Empty;
        if (CaseRows.OnlyOpen(query.Statuses))
        {
            conditions.Add(CaseRows.OpenStatusesCondition);
            index = query.Assignee is null ? " INDEXED BY ix_cases_open_urgency" : " INDEXED BY ix_cases_open_assignee";
        }

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
            command.With("@due_by", SqliteEngine.Sql.Time(dueBy));
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
            var name = prefix + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.With(name, value);
            names.Add(name);
        }

        return string.Join(", ", names);
    }
}
