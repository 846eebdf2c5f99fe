using System.Data.Common;
using CareBot.Care.Stores;
using CareBot.Storage.Sql;

namespace CareBot.Storage.Postgres;

/// <summary>The inbox page's query on PostgreSQL (<see cref="SqlDialect.ListCaseSummariesSql"/>): lists are array parameters.</summary>
internal static class PostgresCaseList
{
    /// <summary>The page's SELECT (also what the query-plan test explains), its parameters added to the command.</summary>
    public static string Sql(DbCommand command, CaseListQuery query)
    {
        var conditions = new List<string>();
        if (CaseRows.OnlyOpen(query.Statuses))
        {
            conditions.Add(CaseRows.OpenStatusesCondition);
        }

        conditions.Add("status = ANY(@statuses)");
        command.With("@statuses", query.Statuses.Select(CaseRows.Status).Distinct().ToArray());
        if (query.Queues is { } queues)
        {
            conditions.Add("queue = ANY(@queues)");
            command.With("@queues", queues.ToArray());
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
            command.With("@due_by", dueBy.ToUniversalTime());
        }

        command.With("@limit", query.Limit + 1);
        command.With("@offset", query.Offset);
        return $"""
            SELECT summary, CASE WHEN summary IS NULL THEN json END FROM cases
            WHERE {string.Join(" AND ", conditions)}
            ORDER BY priority DESC, sla_due, number LIMIT @limit OFFSET @offset;
            """;
    }
}
