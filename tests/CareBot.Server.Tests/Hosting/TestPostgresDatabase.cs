using Npgsql;

namespace CareBot.Server.Tests.Hosting;

/// <summary>
/// A fresh, empty PostgreSQL database (<c>carebot_s_*</c>) on the server named by <c>CAREBOT_TEST_POSTGRES</c> (test.sh
/// starts one), dropped on dispose. Without that variable the test fails: a missing server must not pass as green.
/// </summary>
public sealed class TestPostgresDatabase : IAsyncDisposable
{
    private const string EnvironmentVariable = "CAREBOT_TEST_POSTGRES";

    private readonly string adminConnectionString;
    private readonly string name;

    private TestPostgresDatabase(string adminConnectionString, string name)
    {
        this.adminConnectionString = adminConnectionString;
        this.name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>The connection string of the new database, for <c>ConnectionStrings:Postgres</c>.</summary>
    public string ConnectionString { get; }

    public static async Task<TestPostgresDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{EnvironmentVariable} is not set: run the PostgreSQL tests through ./test.sh, which starts a server.");
        var name = "carebot_s_" + Guid.NewGuid().ToString("N")[..12];
        await using var dataSource = NpgsqlDataSource.Create(admin);
        await using var command = dataSource.CreateCommand($"CREATE DATABASE {name};");
        await command.ExecuteNonQueryAsync();
        return new TestPostgresDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(adminConnectionString);
        await using var command = dataSource.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE);");
        await command.ExecuteNonQueryAsync();
    }
}
