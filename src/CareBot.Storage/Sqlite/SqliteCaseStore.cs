using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace CareBot.Storage.Sqlite;

/// <summary>
/// Cases in SQLite. Changes run in a <c>BEGIN IMMEDIATE</c> transaction, which holds SQLite's single write lock from the
/// read to the write, so a claim's check-then-set cannot interleave with another writer (in this or another process).
/// </summary>
internal sealed class SqliteCaseStore(SqliteDatabase database, StorageInitializer initializer, TimeProvider time) : ICaseStore
{
    private const string Columns = "json, version";

    public async Task<long> NextNumberAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = SqliteDatabase.BeginWrite(connection);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // Only the sequence matters; the rows below the new one are dropped so the table stays one row long.
            command.CommandText = "INSERT INTO case_numbers DEFAULT VALUES; DELETE FROM case_numbers WHERE number < last_insert_rowid(); SELECT last_insert_rowid();";
            var number = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return number;
        }
    }

    public async Task<CaseRecord?> GetAsync(string caseId, CancellationToken cancellationToken)
    {
        var number = CaseRows.RequireNumber(caseId);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadAsync(connection, null, number, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<CaseRecord>> ListAsync(CaseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {Columns} FROM cases
                WHERE ($status IS NULL OR status = $status) AND ($queue IS NULL OR queue = $queue)
                ORDER BY priority DESC, sla_due, number LIMIT $limit;
                """;
            command.Parameters.AddWithValue("$status", query.Status is { } status ? CaseRows.Status(status) : DBNull.Value);
            command.Parameters.AddWithValue("$queue", (object?)query.Queue ?? DBNull.Value);
            command.Parameters.AddWithValue("$limit", query.Limit);
            var records = new List<CaseRecord>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    records.Add(new CaseRecord(CaseJson.Deserialize(reader.GetString(0)), reader.GetInt64(1)));
                }
            }

            return records;
        }
    }

    public async Task<CaseSummaryPage> ListSummariesAsync(CaseListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        if (query.Queues is { Count: 0 })
        {
            return new CaseSummaryPage([], HasMore: false);
        }

        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = ListSummariesSql(command, query);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await CaseRows.ReadSummaryPageAsync(reader, query.Limit, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The page's SELECT (also what the query-plan test explains), its parameters added to the command.</summary>
    internal static string ListSummariesSql(SqliteCommand command, CaseListQuery query)
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

        conditions.Add($"status IN ({InList(command, "$status", query.Statuses.Select(CaseRows.Status))})");
        if (query.Queues is { } queues)
        {
            conditions.Add($"queue IN ({InList(command, "$queue", queues)})");
        }

        if (query.Assignee is { } assignee)
        {
            conditions.Add("assignee = $assignee");
            command.Parameters.AddWithValue("$assignee", assignee);
        }

        if (query.CustomerKey is { } customer)
        {
            conditions.Add("customer_key = $customer");
            command.Parameters.AddWithValue("$customer", customer);
        }

        if (query.MinPriority is { } minimum)
        {
            conditions.Add("priority >= $min_priority");
            command.Parameters.AddWithValue("$min_priority", (int)minimum);
        }

        if (query.DueBy is { } dueBy)
        {
            conditions.Add("sla_due <= $due_by");
            command.Parameters.AddWithValue("$due_by", dueBy.ToUnixTimeMilliseconds());
        }

        command.Parameters.AddWithValue("$limit", query.Limit + 1);
        command.Parameters.AddWithValue("$offset", query.Offset);
        return $"""
            SELECT summary, CASE WHEN summary IS NULL THEN json END FROM cases{index}
            WHERE {string.Join(" AND ", conditions)}
            ORDER BY priority DESC, sla_due, number LIMIT $limit OFFSET $offset;
            """;
    }

    public async Task<IReadOnlyList<OpenCaseCount>> CountOpenAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = CountOpenSql;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await CaseRows.ReadOpenCountsAsync(reader, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Reads the indexed columns only (an open-status range of ix_cases_status_queue), never a document.
    private const string CountOpenSql = $"""
        SELECT queue, status, assignee, COUNT(*) FROM cases
        WHERE {CaseRows.OpenStatusesCondition}
        GROUP BY queue, status, assignee ORDER BY queue, status, assignee;
        """;

    private static string InList(SqliteCommand command, string prefix, IEnumerable<string> values)
    {
        var names = new List<string>();
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            var name = prefix + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, value);
            names.Add(name);
        }

        return string.Join(", ", names);
    }

    public async Task<long> UpdateAsync(Case value, long expectedVersion, IReadOnlyList<NewOutboxMessage> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        CaseRows.Validate(outbox);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = SqliteDatabase.BeginWrite(connection);
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            await UpdateInTransactionAsync(transaction, value, expectedVersion, now, cancellationToken).ConfigureAwait(false);
            await SqlOutboxStore.InsertAsync(SqliteEngine.Sql, connection, transaction, outbox, DateTimeOffset.FromUnixTimeMilliseconds(now), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return expectedVersion + 1;
        }
    }

    public async Task<CaseClaimResult> TryClaimAsync(string caseId, string agent, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        CaseEvent? claimed = null;
        var (found, record) = await ChangeAsync(caseId, c => claimed = c.Claim(agent, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return !found ? new CaseClaimResult(CaseClaimOutcome.NotFound, null, null)
            : claimed is null ? new CaseClaimResult(CaseClaimOutcome.NotClaimable, record, null)
            : new CaseClaimResult(CaseClaimOutcome.Claimed, record, claimed);
    }

    public Task<NotedCase?> AppendNoteAsync(string caseId, string author, string text, CancellationToken cancellationToken) =>
        AppendNoteAsync(caseId, author, text, _ => [], cancellationToken);

    public async Task<NotedCase?> AppendNoteAsync(
        string caseId, string author, string text, Func<Case, IReadOnlyList<NewOutboxMessage>> outbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentNullException.ThrowIfNull(outbox);
        CaseEvent? noted = null;
        var (_, record) = await ChangeAsync(caseId, c => noted = c.AddNote(author, text, time.GetUtcNow()), cancellationToken, outbox).ConfigureAwait(false);
        return record is null || noted is null ? null : new NotedCase(record, noted);
    }

    /// <summary>Inserts a new case unless its creation key is stored; returns the stored case's number and whether it was inserted.</summary>
    internal static async Task<(long Number, bool Created)> InsertAsync(SqliteTransaction transaction, Case value, long now, CancellationToken cancellationToken)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO cases (number, creation_key, status, queue, priority, sla_due, assignee, version, json, created_at, updated_at, summary, customer_key)
            VALUES ($number, $key, $status, $queue, $priority, $due, $assignee, 1, $json, $now, $now, $summary, $customer)
            ON CONFLICT (creation_key) DO NOTHING;
            SELECT number, changes() FROM cases WHERE creation_key = $key;
            """;
        command.Parameters.AddWithValue("$number", value.Number);
        command.Parameters.AddWithValue("$key", value.CreationKey);
        AddColumns(command, value);
        command.Parameters.AddWithValue("$now", now);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return (reader.GetInt64(0), reader.GetInt64(1) == 1);
        }
    }

    // outbox: the messages the change sends, stored in its transaction after the case (none when null).
    private async Task<(bool Found, CaseRecord? Record)> ChangeAsync(
        string caseId, Action<Case> change, CancellationToken cancellationToken, Func<Case, IReadOnlyList<NewOutboxMessage>>? outbox = null)
    {
        var number = CaseRows.RequireNumber(caseId);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = SqliteDatabase.BeginWrite(connection);
            var record = await ReadAsync(connection, transaction, number, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return (false, null);
            }

            try
            {
                change(record.Case);
            }
            catch (InvalidCaseTransitionException)
            {
                return (true, record);
            }

            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            await WriteAsync(transaction, record.Case, record.Version, now, cancellationToken).ConfigureAwait(false);
            if (outbox?.Invoke(record.Case) is { Count: > 0 } messages)
            {
                CaseRows.Validate(messages); // a bad message throws here, after the case row: the rollback takes both
                await SqlOutboxStore.InsertAsync(SqliteEngine.Sql, connection, transaction, messages, DateTimeOffset.FromUnixTimeMilliseconds(now), cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (true, record with { Version = record.Version + 1 });
        }
    }

    /// <summary>Stores a changed case inside the caller's transaction, or throws <see cref="CaseConflictException"/>.</summary>
    internal static async Task UpdateInTransactionAsync(SqliteTransaction transaction, Case value, long expectedVersion, long now, CancellationToken cancellationToken)
    {
        if (!await WriteAsync(transaction, value, expectedVersion, now, cancellationToken).ConfigureAwait(false))
        {
            throw new CaseConflictException(value.Id, expectedVersion);
        }
    }

    private static async Task<bool> WriteAsync(SqliteTransaction transaction, Case value, long expectedVersion, long now, CancellationToken cancellationToken)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE cases SET status = $status, queue = $queue, priority = $priority, sla_due = $due, assignee = $assignee,
                json = $json, version = version + 1, updated_at = $now, summary = $summary, customer_key = $customer
            WHERE number = $number AND version = $expected;
            """;
        command.Parameters.AddWithValue("$number", value.Number);
        command.Parameters.AddWithValue("$expected", expectedVersion);
        AddColumns(command, value);
        command.Parameters.AddWithValue("$now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static void AddColumns(SqliteCommand command, Case value)
    {
        command.Parameters.AddWithValue("$status", CaseRows.Status(value.Status));
        command.Parameters.AddWithValue("$queue", value.Queue);
        command.Parameters.AddWithValue("$priority", (int)value.Priority);
        command.Parameters.AddWithValue("$due", CaseRows.SlaDue(value).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$assignee", (object?)value.Assignee ?? DBNull.Value);
        command.Parameters.AddWithValue("$json", CaseJson.Serialize(value));
        command.Parameters.AddWithValue("$summary", CaseRows.Summary(value));
        command.Parameters.AddWithValue("$customer", CaseListQuery.CustomerKeyOf(value.Customer));
    }

    private static async Task<CaseRecord?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, long number, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM cases WHERE number = $number;";
        command.Parameters.AddWithValue("$number", number);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new CaseRecord(CaseJson.Deserialize(reader.GetString(0)), reader.GetInt64(1))
                : null;
        }
    }
}
