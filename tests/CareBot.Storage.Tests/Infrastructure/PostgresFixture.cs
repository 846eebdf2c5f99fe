using CareBot.Storage.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareBot.Storage.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database per test class (<c>carebot_t_*</c>) on the server named by <c>CAREBOT_TEST_POSTGRES</c>,
/// dropped afterwards. Without that variable every PostgreSQL test fails: a missing server must not pass as green.
/// </summary>
public sealed class PostgresFixture : StorageFixture
{
    public const string EnvironmentVariable = "CAREBOT_TEST_POSTGRES";

    private readonly List<string> _databases = [];

    public override string Dialect => MigrationScripts.Postgres;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set, so the PostgreSQL store tests cannot run: run ./test.sh, which starts PostgreSQL "
                + "(e.g. ./test.sh tests/CareBot.Storage.Tests), or set it to a server where the user may CREATE DATABASE.");

    public override async Task<IReadOnlyDictionary<string, string?>> CreateDatabaseAsync()
    {
        var name = "carebot_t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var dataSource = NpgsqlDataSource.Create(AdminConnectionString))
        await using (var command = dataSource.CreateCommand($"CREATE DATABASE {name};"))
        {
            await command.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
        return new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = connectionString };
    }

    public override async Task<IReadOnlyList<int>> ReadAppliedVersionsAsync(IServiceProvider services)
    {
        await using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT version FROM schema_migrations ORDER BY version;");
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    public override string SchemaMigrationsTableSql =>
        "CREATE TABLE schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL);";

    public override async Task ExecuteAsync(IReadOnlyDictionary<string, string?> database, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(database["ConnectionStrings:Postgres"]!);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task DropDatabasesAsync()
    {
        if (_databases.Count == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var dataSource = NpgsqlDataSource.Create(AdminConnectionString);
        foreach (var name in _databases)
        {
            await using var command = dataSource.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE);");
            await command.ExecuteNonQueryAsync();
        }
    }
}
