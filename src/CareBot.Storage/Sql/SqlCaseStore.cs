using System.Data.Common;
using System.Globalization;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Storage.Migrations;

namespace CareBot.Storage.Sql;

/// <summary>
/// Cases (table <c>cases</c>), the same SQL on both engines but for the case number, the inbox page's index hint and
/// the row lock (see <see cref="SqlDialect"/>). A claim or note reads the case and writes it back in one transaction that
/// holds the case against other writers from the read to the write (SQLite's write lock, taken up front; PostgreSQL's
/// row lock, <c>FOR UPDATE</c>): a racing claim waits and then sees the case already assigned, so exactly one agent wins.
/// </summary>
internal sealed class SqlCaseStore(ISqlEngine engine, StorageInitializer initializer, TimeProvider time) : ICaseStore
{
    private const string Columns = "json, version";

    private const string UpdateSql = """
        UPDATE cases SET status = @status, queue = @queue, priority = @priority, sla_due = @due, assignee = @assignee,
            json = @json, version = version + 1, updated_at = @now, summary = @summary, customer_key = @customer
        WHERE number = @number AND version = @expected;
        """;

    private SqlDialect Dialect => engine.Dialect;

    public async Task<long> NextNumberAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return await engine.WriteAsync(
            SqlWrite.OneStatement,
            async (connection, transaction) =>
            {
                using var command = connection.Command(transaction, Dialect.NextCaseNumberSql);
                return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<CaseRecord?> GetAsync(string caseId, CancellationToken cancellationToken)
    {
        var number = CaseRows.RequireNumber(caseId);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadAsync(connection, null, number, forUpdate: false, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<CaseRecord>> ListAsync(CaseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(null, $"""
                SELECT {Columns} FROM cases
                WHERE (@status IS NULL OR status = @status) AND (@queue IS NULL OR queue = @queue)
                ORDER BY priority DESC, sla_due, number LIMIT @limit;
                """)
                .WithText("@status", query.Status is { } status ? CaseRows.Status(status) : null)
                .WithText("@queue", query.Queue)
                .With("@limit", query.Limit);
            return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
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
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(null, "");
            command.CommandText = SqlCaseList.Sql(Dialect, command, query);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await CaseRows.ReadSummaryPageAsync(reader, query.Limit, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<IReadOnlyList<OpenCaseCount>> CountOpenAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Reads the indexed columns only (the open-case indexes or ix_cases_status_queue), never a document.
            using var command = connection.Command(null, $"""
                SELECT queue, status, assignee, CAST(COUNT(*) AS integer) FROM cases
                WHERE {CaseRows.OpenStatusesCondition}
                GROUP BY queue, status, assignee ORDER BY queue, status, assignee;
                """);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await CaseRows.ReadOpenCountsAsync(reader, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<long> UpdateAsync(Case value, long expectedVersion, IReadOnlyList<NewOutboxMessage> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        CaseRows.Validate(outbox);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        await engine.WriteAsync(
            SqlWrite.AllOrNothing,
            async (connection, transaction) =>
            {
                await UpdateInTransactionAsync(Dialect, connection, transaction, null, value, expectedVersion, now, cancellationToken).ConfigureAwait(false);
                await SqlOutboxStore.InsertAsync(Dialect, connection, transaction, null, outbox, now, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Stores a changed case inside the caller's transaction (with the command <paramref name="kept"/> keeps, if given),
    /// or throws <see cref="CaseConflictException"/>.
    /// </summary>
    internal static async Task UpdateInTransactionAsync(
        SqlDialect dialect,
        DbConnection connection,
        DbTransaction? transaction,
        KeptCommands? kept,
        Case value,
        long expectedVersion,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (!await WriteAsync(dialect, connection, transaction, kept, value, expectedVersion, now, cancellationToken).ConfigureAwait(false))
        {
            throw new CaseConflictException(value.Id, expectedVersion);
        }
    }

    /// <summary>
    /// Adds the parameters that the insert and the update of a case share: <c>@status</c>, <c>@queue</c>,
    /// <c>@priority</c>, <c>@due</c>, <c>@assignee</c>, <c>@json</c>, <c>@summary</c>, <c>@customer</c> and <c>@now</c>.
    /// </summary>
    internal static DbCommand WithColumns(DbCommand command, SqlDialect dialect, Case value, DateTimeOffset now) => command
        .With("@status", CaseRows.Status(value.Status))
        .With("@queue", value.Queue)
        .With("@priority", (int)value.Priority)
        .With("@due", dialect.Time(CaseRows.SlaDue(value)))
        .WithText("@assignee", value.Assignee)
        .With("@json", CaseJson.Serialize(value))
        .With("@summary", CaseRows.Summary(value))
        .With("@customer", CaseListQuery.CustomerKeyOf(value.Customer))
        .With("@now", dialect.Time(now));

    // outbox: the messages the change sends, stored in its transaction after the case (none when null).
    private async Task<(bool Found, CaseRecord? Record)> ChangeAsync(
        string caseId, Action<Case> change, CancellationToken cancellationToken, Func<Case, IReadOnlyList<NewOutboxMessage>>? outbox = null)
    {
        var number = CaseRows.RequireNumber(caseId);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return await engine.WriteAsync<(bool Found, CaseRecord? Record)>(
            SqlWrite.AllOrNothing,
            async (connection, transaction) =>
            {
                var record = await ReadAsync(connection, transaction, number, forUpdate: true, cancellationToken).ConfigureAwait(false);
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

                var now = time.GetUtcNow();
                await WriteAsync(Dialect, connection, transaction, null, record.Case, record.Version, now, cancellationToken).ConfigureAwait(false);
                if (outbox?.Invoke(record.Case) is { Count: > 0 } messages)
                {
                    CaseRows.Validate(messages); // a bad message throws here, after the case row: the rollback takes both
                    await SqlOutboxStore.InsertAsync(Dialect, connection, transaction, null, messages, now, cancellationToken).ConfigureAwait(false);
                }

                return (true, record with { Version = record.Version + 1 });
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> WriteAsync(
        SqlDialect dialect,
        DbConnection connection,
        DbTransaction? transaction,
        KeptCommands? kept,
        Case value,
        long expectedVersion,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var command = kept?.Get(transaction, UpdateSql) ?? connection.Command(transaction, UpdateSql);
        using var owned = kept is null ? command : null; // a kept command stays with its connection
        WithColumns(command, dialect, value, now)
            .With("@number", value.Number)
            .With("@expected", expectedVersion);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<CaseRecord?> ReadAsync(DbConnection connection, DbTransaction? transaction, long number, bool forUpdate, CancellationToken cancellationToken)
    {
        using var command = connection.Command(
                transaction, $"SELECT {Columns} FROM cases WHERE number = @number{(forUpdate ? Dialect.ForUpdate : "")};")
            .With("@number", number);
        return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    private static async Task<List<CaseRecord>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
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
