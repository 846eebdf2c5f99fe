using System.Globalization;
using Npgsql;

namespace CareBot.Server.Cli.Chaos;

/// <summary>
/// A fresh database (<c>carebot_chaos_*</c>) on the PostgreSQL server a chaos run was pointed at, dropped afterwards,
/// so the run counts only its own cases and never touches a deployment's data.
/// </summary>
internal sealed class ScratchPostgresDatabase : IAsyncDisposable
{
    private readonly string serverConnectionString;
    private readonly string name;

    private ScratchPostgresDatabase(string serverConnectionString, string name)
    {
        this.serverConnectionString = serverConnectionString;
        this.name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ScratchPostgresDatabase> CreateAsync(string serverConnectionString, CancellationToken cancellationToken)
    {
        // The name is ours (letters and digits), so it can be written into the statement.
        var name = "carebot_chaos_" + Guid.NewGuid().ToString("N")[..12];
        await using var dataSource = NpgsqlDataSource.Create(serverConnectionString);
        await using var command = dataSource.CreateCommand(string.Create(CultureInfo.InvariantCulture, $"CREATE DATABASE {name};"));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return new ScratchPostgresDatabase(serverConnectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(serverConnectionString);
        await using var command = dataSource.CreateCommand(string.Create(CultureInfo.InvariantCulture, $"DROP DATABASE IF EXISTS {name} WITH (FORCE);"));
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
