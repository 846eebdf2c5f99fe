using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// Cases in PostgreSQL. A claim or note reads the row <c>FOR UPDATE</c> in a transaction, so a racing claim waits for
/// the first one and then sees the case already assigned: exactly one agent wins.
/// </summary>
internal sealed class PostgresCaseStore(NpgsqlDataSource dataSource, StorageInitializer initializer, TimeProvider time) : ICaseStore
{
    public async Task<long> NextNumberAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT nextval('case_numbers');");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<CaseRecord?> GetAsync(string caseId, CancellationToken cancellationToken)
    {
        var number = CaseRows.RequireNumber(caseId);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT json, version FROM cases WHERE number = $1;");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = number });
        return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<CaseRecord>> ListAsync(CaseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("""
            SELECT json, version FROM cases
            WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR queue = $2)
            ORDER BY priority DESC, sla_due, number LIMIT $3;
            """);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = query.Status is { } status ? CaseRows.Status(status) : null });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = query.Queue });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
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
        await using var command = dataSource.CreateCommand();
        command.CommandText = ListSummariesSql(command, query);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await CaseRows.ReadSummaryPageAsync(reader, query.Limit, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The page's SELECT (also what the query-plan test explains), its parameters added to the command.</summary>
    internal static string ListSummariesSql(NpgsqlCommand command, CaseListQuery query)
    {
        var conditions = new List<string>();
        if (CaseRows.OnlyOpen(query.Statuses))
        {
            conditions.Add(CaseRows.OpenStatusesCondition);
        }

        conditions.Add("status = ANY(@statuses)");
        command.Parameters.Add(new NpgsqlParameter<string[]>("statuses", query.Statuses.Select(CaseRows.Status).Distinct().ToArray()));
        if (query.Queues is { } queues)
        {
            conditions.Add("queue = ANY(@queues)");
            command.Parameters.Add(new NpgsqlParameter<string[]>("queues", queues.ToArray()));
        }

        if (query.Assignee is { } assignee)
        {
            conditions.Add("assignee = @assignee");
            command.Parameters.Add(new NpgsqlParameter<string>("assignee", assignee));
        }

        if (query.CustomerKey is { } customer)
        {
            conditions.Add("customer_key = @customer");
            command.Parameters.Add(new NpgsqlParameter<string>("customer", customer));
        }

        if (query.MinPriority is { } minimum)
        {
            conditions.Add("priority >= @min_priority");
            command.Parameters.Add(new NpgsqlParameter<int>("min_priority", (int)minimum));
        }

        if (query.DueBy is { } dueBy)
        {
            conditions.Add("sla_due <= @due_by");
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("due_by", dueBy.ToUniversalTime()));
        }

        command.Parameters.Add(new NpgsqlParameter<int>("limit", query.Limit + 1));
        command.Parameters.Add(new NpgsqlParameter<int>("offset", query.Offset));
        return $"""
            SELECT summary, CASE WHEN summary IS NULL THEN json END FROM cases
            WHERE {string.Join(" AND ", conditions)}
            ORDER BY priority DESC, sla_due, number LIMIT @limit OFFSET @offset;
            """;
    }

    public async Task<IReadOnlyList<OpenCaseCount>> CountOpenAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand();
        // Reads the indexed columns only (the open-case partial indexes or ix_cases_status_queue), never a document.
        command.CommandText = $"""
            SELECT queue, status, assignee, COUNT(*)::int FROM cases
            WHERE {CaseRows.OpenStatusesCondition}
            GROUP BY queue, status, assignee ORDER BY queue, status, assignee;
            """;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await CaseRows.ReadOpenCountsAsync(reader, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<long> UpdateAsync(Case value, long expectedVersion, IReadOnlyList<NewOutboxMessage> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        CaseRows.Validate(outbox);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().ToUniversalTime();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await UpdateInTransactionAsync(connection, transaction, value, expectedVersion, now, cancellationToken).ConfigureAwait(false);
                await SqlOutboxStore.InsertAsync(PostgresEngine.Sql, connection, transaction, outbox, now, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return expectedVersion + 1;
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

    // outbox: the messages the change sends, stored in its transaction after the case (none when null).
    private async Task<(bool Found, CaseRecord? Record)> ChangeAsync(
        string caseId, Action<Case> change, CancellationToken cancellationToken, Func<Case, IReadOnlyList<NewOutboxMessage>>? outbox = null)
    {
        var number = CaseRows.RequireNumber(caseId);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using var read = new NpgsqlCommand("SELECT json, version FROM cases WHERE number = $1 FOR UPDATE;", connection, transaction);
                read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = number });
                var record = (await ReadAllAsync(read, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
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

                var now = time.GetUtcNow().ToUniversalTime();
                await WriteAsync(connection, transaction, record.Case, record.Version, now, cancellationToken).ConfigureAwait(false);
                if (outbox?.Invoke(record.Case) is { Count: > 0 } messages)
                {
                    CaseRows.Validate(messages); // a bad message throws here, after the case row: the rollback takes both
                    await SqlOutboxStore.InsertAsync(PostgresEngine.Sql, connection, transaction, messages, now, cancellationToken).ConfigureAwait(false);
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (true, record with { Version = record.Version + 1 });
            }
        }
    }

    /// <summary>Stores a changed case inside the caller's transaction, or throws <see cref="CaseConflictException"/>.</summary>
    internal static async Task UpdateInTransactionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Case value, long expectedVersion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await WriteAsync(connection, transaction, value, expectedVersion, now, cancellationToken).ConfigureAwait(false))
        {
            throw new CaseConflictException(value.Id, expectedVersion);
        }
    }

    private static async Task<bool> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Case value, long expectedVersion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            UPDATE cases SET status = $3, queue = $4, priority = $5, sla_due = $6, assignee = $7, json = $8,
                version = version + 1, updated_at = $9, summary = $10
            WHERE number = $1 AND version = $2;
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value.Number });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
        AddColumns(command, value);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CaseRows.Summary(value) });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// A turn batch's statement that inserts a new case unless its creation key is stored. It returns (number, created)
    /// for the inserted case, or (number, false) for the stored one — or no row when a concurrent transaction stored the
    /// key after this statement's snapshot was taken (then read the number with <see cref="FindNumberAsync"/>).
    /// </summary>
    internal static NpgsqlBatchCommand InsertCommand(Case value, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(
            """
            WITH inserted AS (
                INSERT INTO cases (number, creation_key, status, queue, priority, sla_due, assignee, version, json, created_at, updated_at, summary, customer_key)
                VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $9, $10, $11)
                ON CONFLICT (creation_key) DO NOTHING
                RETURNING number)
            SELECT number, true FROM inserted
            UNION ALL
            SELECT number, false FROM cases WHERE creation_key = $2 AND NOT EXISTS (SELECT 1 FROM inserted);
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value.Number });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value.CreationKey });
        AddColumns(command.Parameters, value);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CaseRows.Summary(value) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CaseListQuery.CustomerKeyOf(value.Customer) });
        return command;
    }

    /// <summary>The number of the case stored under <paramref name="creationKey"/>.</summary>
    internal static async Task<long> FindNumberAsync(NpgsqlConnection connection, string creationKey, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT number FROM cases WHERE creation_key = $1;", connection);
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = creationKey });
        return (long)(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// A turn batch's statement that updates a case at <paramref name="expectedVersion"/>; a stale version raises
    /// <paramref name="conflictSqlState"/> with a message ending in <paramref name="position"/>, which aborts the batch.
    /// </summary>
    internal static NpgsqlBatchCommand UpdateCommand(Case value, long expectedVersion, DateTimeOffset now, string conflictSqlState, int position)
    {
        var command = new NpgsqlBatchCommand(
            """
            WITH updated AS (
                UPDATE cases SET status = $3, queue = $4, priority = $5, sla_due = $6, assignee = $7, json = $8,
                    version = version + 1, updated_at = $9, summary = $10
                WHERE number = $1 AND version = $2
                RETURNING 1)
            SELECT carebot_require(EXISTS (SELECT 1 FROM updated), $11, 'stale case version at update ' || $12);
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value.Number });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
        AddColumns(command.Parameters, value);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CaseRows.Summary(value) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conflictSqlState });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = position.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return command;
    }

    // Parameters $3..$8 of the insert and update: status, queue, priority, sla_due, assignee, json.
    private static void AddColumns(NpgsqlCommand command, Case value) => AddColumns(command.Parameters, value);

    private static void AddColumns(NpgsqlParameterCollection parameters, Case value)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = CaseRows.Status(value.Status) });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = value.Queue });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)value.Priority });
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = CaseRows.SlaDue(value).ToUniversalTime() });
        parameters.Add(new NpgsqlParameter<string?> { TypedValue = value.Assignee });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = CaseJson.Serialize(value) });
    }

    private static async Task<List<CaseRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
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
