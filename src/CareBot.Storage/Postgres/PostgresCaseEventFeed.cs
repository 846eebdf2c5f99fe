using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CareBot.Care.Cases;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// The live feed of case changes shared by every instance on one PostgreSQL. <see cref="Publish"/> queues the event; a
/// writer stores it in <c>case_events</c>, whose ids are the feed's ids, and notifies the other instances; each instance
/// reads the new rows in id order and hands them to its agents through an in-memory <see cref="CaseEventFeed"/>. A
/// client that reconnects with <c>Last-Event-ID</c> to any instance first gets the newest
/// <see cref="CaseEventFeed.DefaultHistoryCapacity"/> events it missed, from the table.
/// </summary>
/// <remarks>
/// Ids are given under a transaction-scoped advisory lock, so rows commit in id order and a reader that has seen id N
/// never later finds a row below N. The table keeps the newest <see cref="RowsKept"/> rows.
/// </remarks>
internal sealed class PostgresCaseEventFeed : BackgroundService, ICaseEventFeed
{
    public const string Channel = "carebot_case_events";
    public const int RowsKept = 10_000;

    private const long IdLock = 0x4361_7365_4576; // "CaseEv": any constant only this table uses
    private const int QueueCapacity = 10_000;
    private const int BatchSize = 200;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private const string ColumnsSql = "id, name, case_id, at, detail";

    private readonly NpgsqlDataSource dataSource;
    private readonly StorageInitializer initializer;
    private readonly ILogger<PostgresCaseEventFeed> logger;
    private readonly CaseEventFeed local = new();
    private readonly Channel<CaseEvent> pending = System.Threading.Channels.Channel.CreateBounded<CaseEvent>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Channel<bool> wake = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long lastRead = -1;
    private int writtenSincePrune;

    public PostgresCaseEventFeed(
        NpgsqlDataSource dataSource, StorageInitializer initializer, PostgresNotifications notifications, ILogger<PostgresCaseEventFeed> logger)
    {
        this.dataSource = dataSource;
        this.initializer = initializer;
        this.logger = logger;
        notifications.Listen(Channel, _ => wake.Writer.TryWrite(true));
    }

    public void Publish(CaseEvent caseEvent)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        CaseMetrics.Count(caseEvent);
        pending.Writer.TryWrite(caseEvent);
    }

    public IAsyncEnumerable<FeedEntry> SubscribeAsync(long? afterId, CancellationToken cancellationToken)
    {
        // Registered now (live entries queue from this moment); what came before is read from the table when enumerated.
        var live = local.SubscribeAsync(afterId: null, cancellationToken);
        return afterId is { } after ? ReplayThenLiveAsync(after, live, cancellationToken) : live;
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Live entries start after what is stored now; older ones are replayed from the table on request.
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(id), 0) FROM case_events;");
        lastRead = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(WriteLoopAsync(stoppingToken), ReadLoopAsync(stoppingToken));

    private async IAsyncEnumerable<FeedEntry> ReplayThenLiveAsync(
        long afterId, IAsyncEnumerable<FeedEntry> live, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = afterId;
        foreach (var entry in await ReadAsync(afterId, newest: local.HistoryCapacity, cancellationToken).ConfigureAwait(false))
        {
            last = entry.Id;
            yield return entry;
        }

        await foreach (var entry in live.ConfigureAwait(false))
        {
            // The replay may already have read what was forwarded live meanwhile.
            if (entry.Id > last)
            {
                yield return entry;
            }
        }
    }

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<CaseEvent>(BatchSize);
        try
        {
            while (await pending.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (batch.Count < BatchSize && pending.Reader.TryRead(out var caseEvent))
                {
                    batch.Add(caseEvent);
                }

                while (true)
                {
                    try
                    {
                        await InsertAsync(batch, stoppingToken).ConfigureAwait(false);
                        break;
                    }
                    catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
                    {
                        logger.CaseEventsNotStored(batch.Count, exception);
                        await Task.Delay(RetryDelay, stoppingToken).ConfigureAwait(false);
                    }
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: events not yet stored are lost to the live feed only; the cases themselves are committed.
        }
    }

    private async Task InsertAsync(List<CaseEvent> batch, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using (var locking = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({IdLock});", connection, transaction))
                {
                    await locking.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using (var insert = new NpgsqlCommand(
                    "INSERT INTO case_events (name, case_id, at, detail) SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]);",
                    connection,
                    transaction))
                {
                    insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(e => e.Name)] });
                    insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(e => e.CaseId)] });
                    insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. batch.Select(e => e.At.ToUniversalTime())] });
                    insert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. batch.Select(e => e.Detail)] });
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                writtenSincePrune += batch.Count;
                if (writtenSincePrune >= 1_000)
                {
                    writtenSincePrune = 0;
                    await using var prune = new NpgsqlCommand(
                        $"DELETE FROM case_events WHERE id <= (SELECT max(id) FROM case_events) - {RowsKept};", connection, transaction);
                    await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await PostgresNotifications.NotifyAsync(connection, transaction, Channel, string.Empty, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ReadLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    foreach (var entry in await ReadAsync(lastRead, newest: null, stoppingToken).ConfigureAwait(false))
                    {
                        local.Forward(entry);
                        lastRead = entry.Id;
                    }
                }
                catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
                {
                    logger.CaseEventsNotRead(exception);
                }

                await PostgresNotifications.WakeOrPollAsync(wake.Reader, PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>The stored entries after <paramref name="afterId"/> in id order; only the newest ones when asked.</summary>
    private async Task<List<FeedEntry>> ReadAsync(long afterId, int? newest, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var sql = newest is { } count
            ? $"SELECT * FROM (SELECT {ColumnsSql} FROM case_events WHERE id > $1 ORDER BY id DESC LIMIT {count}) AS newest ORDER BY id;"
            : $"SELECT {ColumnsSql} FROM case_events WHERE id > $1 ORDER BY id LIMIT 1000;";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterId });
        var entries = new List<FeedEntry>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new FeedEntry(
                    reader.GetInt64(0),
                    new CaseEvent(
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetFieldValue<DateTimeOffset>(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4))));
            }
        }

        return entries;
    }
}
