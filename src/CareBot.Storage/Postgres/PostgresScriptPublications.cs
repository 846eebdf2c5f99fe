using System.Text.Json;
using System.Threading.Channels;
using CareBot.Dialogs.Loading;
using CareBot.Protocol.Middleware;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace CareBot.Storage.Postgres;

/// <summary>
/// Keeps the live dialog versions the same on every instance on one PostgreSQL. Each set this process's
/// <see cref="ScriptRegistry"/> publishes (the folder at start-up, a change the watcher saw, an admin's publish) becomes
/// a row of <c>script_publications</c> and a notification; on a notification every instance makes the newest row's
/// versions live, restored from <c>script_versions</c>. The newest publication wins, wherever it came from.
/// </summary>
internal sealed class PostgresScriptPublications : BackgroundService
{
    public const string Channel = "carebot_script_publications";

    private const long PublishLock = 0x5363_7269_7074; // "Script"
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource dataSource;
    private readonly StorageInitializer initializer;
    private readonly ScriptRegistry registry;
    private readonly ServerInstance instance;
    private readonly TimeProvider time;
    private readonly ILogger<PostgresScriptPublications> logger;
    private readonly Channel<IReadOnlyDictionary<string, string>> published = System.Threading.Channels.Channel.CreateUnbounded<IReadOnlyDictionary<string, string>>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<bool> wake = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long lastFollowed;

    public PostgresScriptPublications(
        NpgsqlDataSource dataSource,
        StorageInitializer initializer,
        PostgresNotifications notifications,
        ScriptRegistry registry,
        ServerInstance instance,
        TimeProvider time,
        ILogger<PostgresScriptPublications> logger)
    {
        this.dataSource = dataSource;
        this.initializer = initializer;
        this.registry = registry;
        this.instance = instance;
        this.time = time;
        this.logger = logger;

        // Subscribed when the host resolves its services, before the scripts' start-up load publishes anything.
        registry.Published += versions => published.Writer.TryWrite(versions);
        notifications.Listen(Channel, _ => wake.Writer.TryWrite(true));
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ShareLoopAsync(stoppingToken), FollowLoopAsync(stoppingToken));

    private async Task ShareLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var versions in published.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                while (true)
                {
                    try
                    {
                        await InsertAsync(versions, stoppingToken).ConfigureAwait(false);
                        break;
                    }
                    catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
                    {
                        logger.ScriptPublicationNotShared(exception);
                        await Task.Delay(RetryDelay, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Adds the set as the newest publication and notifies, unless it already is the newest.</summary>
    private async Task InsertAsync(IReadOnlyDictionary<string, string> versions, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using (var locking = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PublishLock});", connection, transaction))
                {
                    await locking.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var newest = await NewestAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                if (newest is { } row && SameVersions(row.Versions, versions))
                {
                    return; // e.g. another instance started with the same folder
                }

                await using (var insert = new NpgsqlCommand(
                    "INSERT INTO script_publications (versions, instance_id, published_at) VALUES ($1, $2, $3);", connection, transaction))
                {
                    insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(versions), NpgsqlDbType = NpgsqlDbType.Jsonb });
                    insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = instance.Id });
                    insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow().ToUniversalTime() });
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await PostgresNotifications.NotifyAsync(connection, transaction, Channel, string.Empty, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task FollowLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    await FollowNewestAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is NpgsqlException or TimeoutException or JsonException)
                {
                    logger.ScriptPublicationNotFollowed(exception);
                }

                await PostgresNotifications.WakeOrPollAsync(wake.Reader, PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task FollowNewestAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (await NewestAsync(connection, null, cancellationToken).ConfigureAwait(false) is not { } newest || newest.Id <= lastFollowed)
            {
                return;
            }

            lastFollowed = newest.Id;
            if (SameVersions(newest.Versions, registry.CurrentVersions))
            {
                return;
            }

            var live = await registry.GoLiveAsync(newest.Versions, cancellationToken).ConfigureAwait(false);
            var summary = string.Join(", ", newest.Versions.Select(kv => $"{kv.Key}@{kv.Value}"));
            if (live)
            {
                logger.ScriptPublicationFollowed(newest.InstanceId, summary);
            }
            else
            {
                logger.ScriptPublicationNotRestorable(newest.InstanceId, summary);
            }
        }
    }

    private static async Task<Publication?> NewestAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id, versions::text, instance_id FROM script_publications ORDER BY id DESC LIMIT 1;", connection, transaction);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new Publication(
                    reader.GetInt64(0),
                    JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(1)) ?? [],
                    reader.GetString(2))
                : null;
        }
    }

    private static bool SameVersions(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var version) && version == kv.Value);

    private sealed record Publication(long Id, IReadOnlyDictionary<string, string> Versions, string InstanceId);
}
