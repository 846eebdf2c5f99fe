using CareBot.Care.Stores;
using CareBot.Dialogs.Loading;
using CareBot.Protocol.Middleware;
using CareBot.Storage.Postgres;
using CareBot.Storage.Sql;
using CareBot.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareBot.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddCareBotStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Fact]
    public async Task Without_a_postgres_connection_string_the_stores_are_sqlite()
    {
        var path = Path.Combine(Path.GetTempPath(), "carebot-storage-tests", Guid.NewGuid().ToString("N"), "c.db");
        await using var services = Build(new() { ["Storage:SqlitePath"] = path });

        Assert.IsType<SqliteEngine>(services.GetRequiredService<ISqlEngine>());
        Assert.IsType<SqliteTurnCommitStore>(services.GetRequiredService<ITurnCommitStore>());
        Assert.IsType<SqlScriptArchive>(services.GetRequiredService<IScriptArchive>());
        Assert.Same(services.GetRequiredService<IScriptArchive>(), services.GetRequiredService<IScriptArchive>());
        Assert.Same(services.GetRequiredService<IStateStore>(), services.GetRequiredService<IStateStore>());
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public async Task With_a_postgres_connection_string_the_stores_are_postgres()
    {
        // Resolving connects nowhere: the data source opens connections on first use.
        await using var services = Build(new() { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=u;Database=d" });

        Assert.IsType<PostgresEngine>(services.GetRequiredService<ISqlEngine>());
        Assert.IsType<PostgresTurnCommitStore>(services.GetRequiredService<ITurnCommitStore>());
        Assert.IsType<SqlScriptArchive>(services.GetRequiredService<IScriptArchive>());
    }

    [Fact]
    public async Task Options_default_to_data_carebot_db_and_a_day_of_retention()
    {
        await using var services = Build([]);

        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal("data/carebot.db", options.SqlitePath);
        Assert.Equal(TimeSpan.FromHours(24), options.OutcomeRetention);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SqliteBusyTimeout);
    }

    [Fact]
    public async Task A_non_positive_retention_is_rejected_with_a_message_naming_the_setting()
    {
        await using var services = Build(new() { ["Storage:OutcomeRetention"] = "00:00:00" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Storage:OutcomeRetention", error.Message, StringComparison.Ordinal);
    }
}
