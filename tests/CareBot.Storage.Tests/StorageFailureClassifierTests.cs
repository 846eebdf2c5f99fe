using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CareBot.Storage.Tests;

/// <summary>
/// Which real storage failures count as an outage (503, retry later) and which as a bug (500). SQLite busy past its
/// timeout is proven end to end (StorageOutageTests in the server tests).
/// </summary>
public sealed class StorageFailureClassifierTests
{
    private readonly StorageFailureClassifier classifier = new();

    [Fact]
    public async Task A_full_SQLite_database_is_an_outage()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await ExecuteAsync(connection, "CREATE TABLE t (v BLOB); PRAGMA max_page_count = 8;");

        var full = await Assert.ThrowsAsync<SqliteException>(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                await ExecuteAsync(connection, "INSERT INTO t VALUES (randomblob(4096));");
            }
        });

        Assert.True(classifier.IsUnavailable(new InvalidOperationException("wrapped", full), out var retryAfter), full.Message);
        Assert.True(retryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_constraint_violation_is_not_an_outage()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await ExecuteAsync(connection, "CREATE TABLE t (v INTEGER PRIMARY KEY); INSERT INTO t VALUES (1);");

        var violation = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(connection, "INSERT INTO t VALUES (1);"));

        Assert.False(classifier.IsUnavailable(violation, out _));
        Assert.False(classifier.IsUnavailable(new InvalidOperationException("a bug"), out _));
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_server_is_an_outage()
    {
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={closedPort};Username=carebot;Timeout=2");
        var unreachable = await Assert.ThrowsAsync<NpgsqlException>(async () => await dataSource.OpenConnectionAsync());

        Assert.True(classifier.IsUnavailable(unreachable, out _), unreachable.Message);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
