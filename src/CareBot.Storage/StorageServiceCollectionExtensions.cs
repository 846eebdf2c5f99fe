using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Care.Studio;
using CareBot.Dialogs.Loading;
using CareBot.Protocol.DirectLine;
using CareBot.Protocol.Middleware;
using CareBot.Protocol.Turns;
using CareBot.Storage.Migrations;
using CareBot.Storage.Postgres;
using CareBot.Storage.Sql;
using CareBot.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CareBot.Storage;

/// <summary>The storage project's one DI entry point.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IStateStore"/>, <see cref="IActivityOutcomeStore"/>,
    /// <see cref="IScriptArchive"/>, <see cref="ITurnCommitStore"/>, <see cref="ICaseStore"/>, <see cref="IOutboxStore"/> and <see cref="IAgentAccountStore"/>, and the
    /// <see cref="IStorageFailureClassifier"/> that turns a storage outage into a 503, as singletons on PostgreSQL when <c>ConnectionStrings:Postgres</c> is set, else on SQLite; the schema is migrated
    /// when the host starts (and, without a host, before the first query). Configuration:
    /// <code>
    /// "ConnectionStrings": { "Postgres": "Host=db;Username=carebot;Password=...;Database=carebot" },   // optional
    /// "Storage": {
    ///   "SqlitePath": "data/carebot.db",     // used when there is no Postgres connection string
    ///   "SqliteBusyTimeout": "00:00:30",
    ///   "OutcomeRetention": "1.00:00:00",    // how long processed activity ids are remembered
    ///   "InstanceHeartbeat": "00:00:05",     // how often this process says it still runs
    ///   "InstanceTimeout": "00:00:15"        // a process silent this long is gone; its in-flight activities are free
    /// }
    /// </code>
    /// A <see cref="TimeProvider"/> registered before this call is used; otherwise the system clock.
    /// </summary>
    public static IServiceCollection AddCareBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.SqlitePath), "Storage:SqlitePath must not be empty; the default is data/carebot.db.")
            .Validate(o => o.SqliteBusyTimeout > TimeSpan.Zero, "Storage:SqliteBusyTimeout must be positive, e.g. 00:00:30.")
            .Validate(o => o.OutcomeRetention > TimeSpan.Zero, "Storage:OutcomeRetention must be positive, e.g. 1.00:00:00 for 24 hours.")
            .Validate(o => o.InstanceHeartbeat > TimeSpan.Zero, "Storage:InstanceHeartbeat must be positive, e.g. 00:00:05.")
            .Validate(
                o => o.InstanceTimeout > o.InstanceHeartbeat,
                "Storage:InstanceTimeout must be longer than Storage:InstanceHeartbeat (e.g. 00:00:15 and 00:00:05), or live processes would count as gone.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => ServerInstance.ForCurrentProcess());
        services.AddSingleton<IStorageFailureClassifier, StorageFailureClassifier>();

        var postgres = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            AddSqlite(services);
        }
        else
        {
            AddPostgres(services, postgres);
        }

        services.AddSingleton(sp => new StorageInitializer(sp.GetRequiredService<IStorageMigrator>()));
        AddSharedStores(services);
        services.AddHostedService(sp => new StorageMigrationHostedService(sp.GetRequiredService<StorageInitializer>()));
        services.AddSingleton(sp => new ServerInstanceRegistry(
            sp.GetRequiredService<IServerInstanceStore>(),
            sp.GetRequiredService<ServerInstance>(),
            sp.GetRequiredService<TimeProvider>(),
            Options(sp).InstanceHeartbeat,
            Options(sp).InstanceTimeout,
            Logger<ServerInstanceRegistry>(sp)));
        services.AddHostedService(sp => new ServerInstanceHeartbeatService(
            sp.GetRequiredService<ServerInstanceRegistry>(), sp.GetRequiredService<TimeProvider>(), Options(sp), Logger<ServerInstanceHeartbeatService>(sp)));
        return services;
    }

    private static void AddSqlite(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            // Relative to the working directory (the repository root under `dotnet run`), like every data path.
            var database = new SqliteDatabase(Path.GetFullPath(options.SqlitePath), options.SqliteBusyTimeout);
            Logger<SqliteDatabase>(sp).StorageSelected("SQLite", database.Path);
            return database;
        });
        services.AddSingleton<IStorageMigrator>(sp => new SqliteMigrator(
            sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>(), Logger<SqliteMigrator>(sp)));
        services.AddSingleton<ISqlEngine>(sp => new SqliteEngine(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton(sp => new SqliteGroupCommit(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<ITurnCommitStore>(sp => new SqliteTurnCommitStore(
            sp.GetRequiredService<SqliteGroupCommit>(),
            sp.GetRequiredService<StorageInitializer>(),
            sp.GetRequiredService<TimeProvider>(),
            Options(sp).OutcomeRetention,
            Logger<SqliteTurnCommitStore>(sp)));
    }

    private static void AddPostgres(IServiceCollection services, string connectionString)
    {
        // The data source owns the connection pool; the container disposes it at shutdown.
        services.AddSingleton(sp =>
        {
            var dataSource = NpgsqlDataSource.Create(connectionString);
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            var location = $"{builder.Host}:{builder.Port}/{builder.Database}"; // never the password
            Logger<NpgsqlDataSource>(sp).StorageSelected("PostgreSQL", location);
            return dataSource;
        });
        services.AddSingleton<IStorageMigrator>(sp => new PostgresMigrator(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), Logger<PostgresMigrator>(sp)));
        services.AddSingleton<ISqlEngine>(sp => new PostgresEngine(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<ITurnCommitStore>(sp => new PostgresTurnCommitStore(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<StorageInitializer>(),
            sp.GetRequiredService<TimeProvider>(),
            Options(sp).OutcomeRetention,
            Logger<PostgresTurnCommitStore>(sp)));
        AddPostgresSharing(services);
    }

    // The stores that run the same SQL on both engines, over the engine registered above.
    private static void AddSharedStores(IServiceCollection services)
    {
        services.AddSingleton<IStateStore>(sp => new SqlStateStore(
            sp.GetRequiredService<ISqlEngine>(), sp.GetRequiredService<StorageInitializer>(), sp.GetRequiredService<TimeProvider>(), Logger<SqlStateStore>(sp)));
        services.AddSingleton<IActivityOutcomeStore>(sp => new SqlActivityOutcomeStore(
            sp.GetRequiredService<ISqlEngine>(),
            sp.GetRequiredService<StorageInitializer>(),
            sp.GetRequiredService<TimeProvider>(),
            Options(sp).OutcomeRetention,
            Logger<SqlActivityOutcomeStore>(sp)));
        services.AddSingleton<IOutboxStore>(sp => new SqlOutboxStore(
            sp.GetRequiredService<ISqlEngine>(),
            sp.GetRequiredService<StorageInitializer>(),
            sp.GetRequiredService<ServerInstanceRegistry>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICareReportSource>(sp => new SqlCareReportSource(sp.GetRequiredService<ISqlEngine>(), sp.GetRequiredService<StorageInitializer>()));
        services.AddSingleton<CareBot.Care.Settings.ILiveSettingsStore>(sp => new SqlLiveSettingsStore(
            sp.GetRequiredService<ISqlEngine>(), sp.GetRequiredService<StorageInitializer>()));
        services.AddSingleton<IServerInstanceStore>(sp => new SqlServerInstanceStore(sp.GetRequiredService<ISqlEngine>(), sp.GetRequiredService<StorageInitializer>()));
        services.AddSingleton<IScriptArchive>(sp => new SqlScriptArchive(
            sp.GetRequiredService<ISqlEngine>(), sp.GetRequiredService<StorageInitializer>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAgentPreferenceStore>(sp => new SqlAgentPreferenceStore(
            sp.GetRequiredService<ISqlEngine>(), sp.GetRequiredService<StorageInitializer>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CareBot.Care.Incidents.IIncidentStore>(sp => new SqlIncidentStore(
            sp.GetRequiredService<ISqlEngine>(), sp.GetRequiredService<StorageInitializer>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICaseStore>(sp => new SqlCaseStore(
            sp.GetRequiredService<ISqlEngine>(), sp.GetRequiredService<StorageInitializer>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAgentAccountStore>(sp => new SqlAgentAccountStore(sp.GetRequiredService<ISqlEngine>(), sp.GetRequiredService<StorageInitializer>()));
        services.AddSingleton<IStudioStore>(sp => new SqlStudioStore(sp.GetRequiredService<ISqlEngine>(), sp.GetRequiredService<StorageInitializer>()));
        services.AddSingleton<CareBot.Care.Incidents.IIncidentObservationStore>(sp => new SqlIncidentObservationStore(
            sp.GetRequiredService<ISqlEngine>(), sp.GetRequiredService<StorageInitializer>()));
        services.AddSingleton<IDirectLineUploadStore>(sp => new SqlDirectLineUploadStore(sp.GetRequiredService<ISqlEngine>(), sp.GetRequiredService<StorageInitializer>()));
    }

    // What makes several processes on one PostgreSQL behave as one: one LISTEN connection, the shared case feed (it
    // replaces the in-memory one, which Care registers only when none is), the live dialog versions.
    private static void AddPostgresSharing(IServiceCollection services)
    {
        services.AddSingleton(sp => new PostgresNotifications(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<StorageInitializer>(), Logger<PostgresNotifications>(sp)));
        services.AddHostedService(sp => sp.GetRequiredService<PostgresNotifications>());
        services.AddSingleton(sp => new PostgresCaseEventFeed(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<StorageInitializer>(),
            sp.GetRequiredService<PostgresNotifications>(),
            Logger<PostgresCaseEventFeed>(sp)));
        services.AddSingleton<ICaseEventFeed>(sp => sp.GetRequiredService<PostgresCaseEventFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresCaseEventFeed>());
        services.AddSingleton<IAgentPresenceRelay>(sp => new PostgresPresenceRelay(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<PostgresNotifications>()));
        services.TryAddSingleton<ScriptRegistry>(); // the one Care uses too; registered here for hosts without Care
        services.AddHostedService(sp => new PostgresScriptPublications(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<StorageInitializer>(),
            sp.GetRequiredService<PostgresNotifications>(),
            sp.GetRequiredService<ScriptRegistry>(),
            sp.GetRequiredService<ServerInstance>(),
            sp.GetRequiredService<TimeProvider>(),
            Logger<PostgresScriptPublications>(sp)));
        AddPostgresDirectLine(services);
    }

    // The built-in Direct Line channel's conversations, tokens and history in PostgreSQL (replacing the in-memory store
    // AddDirectLineChannel registers, whichever was called first), and its streams woken through LISTEN/NOTIFY.
    private static void AddPostgresDirectLine(IServiceCollection services)
    {
        services.AddSingleton(sp => new PostgresDirectLineStreams(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<StorageInitializer>(),
            sp.GetRequiredService<PostgresNotifications>(),
            sp.GetRequiredService<IOptions<DirectLineOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            Logger<PostgresDirectLineStreams>(sp)));
        services.AddHostedService(sp => sp.GetRequiredService<PostgresDirectLineStreams>());
        services.Replace(ServiceDescriptor.Singleton<IDirectLineStore>(sp => new PostgresDirectLineStore(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<StorageInitializer>(),
            sp.GetRequiredService<PostgresDirectLineStreams>(),
            sp.GetRequiredService<IOptions<DirectLineOptions>>(),
            sp.GetRequiredService<TimeProvider>())));
    }

    private static StorageOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value;

    // Logging is optional so that the stores also work in a bare container (CLI verbs, tests).
    private static ILogger<T> Logger<T>(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger<T>.Instance;
}
