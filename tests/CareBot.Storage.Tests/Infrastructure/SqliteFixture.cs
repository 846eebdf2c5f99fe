using CareBot.Storage.Migrations;
using CareBot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Storage.Tests.Infrastructure;

/// <summary>A fresh SQLite file per test class, in a temp folder that does not exist yet (the store creates it).</summary>
public sealed class SqliteFixture : StorageFixture
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "carebot-storage-tests", Guid.NewGuid().ToString("N"));
    private int _databases;

    public override string Dialect => MigrationScripts.Sqlite;

    public override Task<IReadOnlyDictionary<string, string?>> CreateDatabaseAsync()
    {
        var path = Path.Combine(_root, $"db{Interlocked.Increment(ref _databases)}", "carebot.db");
        return Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?> { ["Storage:SqlitePath"] = path });
    }

    public override async Task<IReadOnlyList<int>> ReadAppliedVersionsAsync(IServiceProvider services)
    {
        var connection = await services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await using (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT version FROM schema_migrations ORDER BY version;";
            var versions = new List<int>();
            using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                versions.Add(reader.GetInt32(0));
            }

            return versions;
        }
    }

    public override string SchemaMigrationsTableSql =>
        "CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);";

    public override async Task ExecuteAsync(IReadOnlyDictionary<string, string?> database, string sql)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database["Storage:SqlitePath"] }.ToString());
        await using (connection)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(connection.DataSource)!);
            await connection.OpenAsync();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    protected override Task DropDatabasesAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }
}
