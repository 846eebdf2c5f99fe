using CareBot.Protocol.Middleware;
using CareBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CareBot.Storage.Tests.Infrastructure;

/// <summary>
/// One database per test class, reached through the real <see cref="StorageServiceCollectionExtensions.AddCareBotStorage"/>
/// wiring with a manual clock. Tests in a class share the database, so each uses its own keys.
/// </summary>
public abstract class StorageFixture : IAsyncLifetime
{
    private readonly List<ServiceProvider> _providers = [];
    private IReadOnlyDictionary<string, string?> _settings = new Dictionary<string, string?>();
    private ServiceProvider? _services;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero));

    /// <summary>The migration dialect this fixture's engine uses (a folder under src/CareBot.Storage/Migrations).</summary>
    public abstract string Dialect { get; }

    /// <summary>The shared services on the class's database; the schema is migrated on first use.</summary>
    public IServiceProvider Services
    {
        get
        {
            lock (_providers)
            {
                return _services ??= CreateServices(_settings);
            }
        }
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A second, independent set of services on the same database: as if the process restarted.</summary>
    public ServiceProvider Reopen() => CreateServices(_settings);

    /// <summary>Services on the same database that run as <paramref name="instance"/>: another server process, alive or dead.</summary>
    public ServiceProvider OpenAs(ServerInstance instance) => CreateServices(_settings, instance);

    /// <summary>A new, empty database (nothing migrated) and its configuration.</summary>
    public abstract Task<IReadOnlyDictionary<string, string?>> CreateDatabaseAsync();

    /// <summary>The versions recorded in <c>schema_migrations</c>, in order.</summary>
    public abstract Task<IReadOnlyList<int>> ReadAppliedVersionsAsync(IServiceProvider services);

    /// <summary>
    /// Runs SQL straight on a database, bypassing the stores and their migration: to set up a database as an older
    /// release left it.
    /// </summary>
    public abstract Task ExecuteAsync(IReadOnlyDictionary<string, string?> database, string sql);

    /// <summary>The <c>schema_migrations</c> table exactly as this engine's migrator creates it.</summary>
    public abstract string SchemaMigrationsTableSql { get; }

    public ServiceProvider CreateServices(IReadOnlyDictionary<string, string?> settings, ServerInstance? instance = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        if (instance is not null)
        {
            services.AddSingleton(instance);
        }

        services.AddCareBotStorage(configuration);
        var provider = services.BuildServiceProvider();
        lock (_providers)
        {
            _providers.Add(provider);
        }

        return provider;
    }

    /// <summary>Runs the migration the way the host does: through the registered hosted service.</summary>
    public static async Task StartHostedServicesAsync(IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    public async Task InitializeAsync() => _settings = await CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await DropDatabasesAsync();
    }

    protected abstract Task DropDatabasesAsync();
}
