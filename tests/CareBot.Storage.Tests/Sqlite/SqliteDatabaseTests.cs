using CareBot.Care.Stores;
using CareBot.Protocol.Middleware;
using CareBot.Storage.Sqlite;
using CareBot.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Storage.Tests.Sqlite;

/// <summary>What only the SQLite engine promises: the file, WAL, durability and many writers in one process.</summary>
public sealed class SqliteDatabaseTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task The_database_file_and_its_folder_are_created_at_the_configured_path()
    {
        await fixture.Get<IStateStore>().ReadAsync(["x"], CancellationToken.None);

        Assert.True(File.Exists(fixture.Get<SqliteDatabase>().Path));
    }

    [Fact]
    public async Task The_database_is_in_wal_mode_with_full_synchronous_commits()
    {
        await fixture.Get<IStateStore>().ReadAsync(["x"], CancellationToken.None);

        // A plain connection reads what is stored in the file; the store's own connection shows its per-connection settings.
        await using (var plain = new SqliteConnection($"Data Source={fixture.Get<SqliteDatabase>().Path};Pooling=False"))
        {
            await plain.OpenAsync();
            Assert.Equal("wal", await ScalarAsync(plain, "PRAGMA journal_mode;"));
        }

        await using var connection = await fixture.Get<SqliteDatabase>().OpenAsync(CancellationToken.None);
        Assert.Equal(2L, await ScalarAsync(connection, "PRAGMA synchronous;")); // 2 = FULL
        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA foreign_keys;"));
        Assert.Equal(30_000L, await ScalarAsync(connection, "PRAGMA busy_timeout;"));
    }

    [Fact]
    public async Task Bookkeeping_connections_commit_without_their_own_flush_and_a_pooled_connection_gets_full_durability_back()
    {
        var database = fixture.Get<SqliteDatabase>();
        long relaxed;
        await using (var bookkeeping = await database.OpenRelaxedAsync(CancellationToken.None))
        {
            relaxed = (long)(await ScalarAsync(bookkeeping, "PRAGMA synchronous;"))!;
        }

        // The pool hands the same physical connection out again: the full setting must come back with it.
        await using var durable = await database.OpenAsync(CancellationToken.None);

        Assert.Equal(1L, relaxed); // 1 = NORMAL
        Assert.Equal(2L, await ScalarAsync(durable, "PRAGMA synchronous;"));
    }

    [Fact]
    public async Task A_read_connection_keeps_the_per_connection_settings_and_leaves_the_synchronous_level_to_the_writes()
    {
        var database = fixture.Get<SqliteDatabase>();
        await using (await database.OpenRelaxedAsync(CancellationToken.None))
        {
        }

        // The same physical connection again, for a read: no PRAGMA on this open, and none needed.
        await using (var read = await database.OpenReadAsync(CancellationToken.None))
        {
            Assert.Equal(1L, await ScalarAsync(read, "PRAGMA synchronous;")); // left at NORMAL: a read commits nothing
            Assert.Equal(1L, await ScalarAsync(read, "PRAGMA foreign_keys;"));
            Assert.Equal(30_000L, await ScalarAsync(read, "PRAGMA busy_timeout;"));
        }

        await using var durable = await database.OpenAsync(CancellationToken.None);
        Assert.Equal(2L, await ScalarAsync(durable, "PRAGMA synchronous;"));
    }

    [Fact]
    public async Task Many_concurrent_writers_in_one_process_all_succeed_without_busy_errors()
    {
        var state = fixture.Get<IStateStore>();
        var outcomes = fixture.Get<IActivityOutcomeStore>();
        var run = Guid.NewGuid().ToString("N");

        await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            string? etag = null;
            for (var turn = 0; turn < 10; turn++)
            {
                var key = $"{run}/{writer}";
                etag = (await state.WriteAsync([new StateWrite(key, $"{{\"turn\":{turn}}}", etag)], CancellationToken.None))[0].ETag;
                await outcomes.CompleteAsync(new ActivityKey("test", key, $"a{turn}"), new StoredTurnOutcome(200, null), CancellationToken.None);
            }
        })));

        var keys = Enumerable.Range(0, 16).Select(w => $"{run}/{w}").ToList();
        var read = await state.ReadAsync(keys, CancellationToken.None);
        Assert.All(keys, k => Assert.Equal("{\"turn\":9}", read[k].Utf8Json.Text));
    }

    [Fact]
    public async Task Writers_of_two_store_instances_on_one_file_wait_for_each_other_instead_of_failing()
    {
        // Two service providers stand for two processes: they share no in-process queue, only SQLite's own locking.
        await using var first = fixture.Reopen();
        await using var second = fixture.Reopen();
        var run = Guid.NewGuid().ToString("N");

        await Task.WhenAll(new[] { first, second }.SelectMany((process, p) => Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            var store = process.GetRequiredService<IStateStore>();
            string? etag = null;
            for (var turn = 0; turn < 10; turn++)
            {
                etag = (await store.WriteAsync([new StateWrite($"{run}/{p}/{writer}", "{}", etag)], CancellationToken.None))[0].ETag;
            }
        }))));

        var keys = Enumerable.Range(0, 2).SelectMany(p => Enumerable.Range(0, 4).Select(w => $"{run}/{p}/{w}")).ToList();
        Assert.Equal(8, (await fixture.Get<IStateStore>().ReadAsync(keys, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_relative_path_is_resolved_against_the_working_directory()
    {
        // Like every CareBot data path: `dotnet run --project src/CareBot.Server` runs in the repository root, so the
        // default data/carebot.db lands there and not beside the binaries (the content root).
        var relative = Path.Combine("data", "relative-" + Guid.NewGuid().ToString("N") + ".db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:SqlitePath"] = relative })
            .Build();
        await using var services = new ServiceCollection()
            .AddCareBotStorage(configuration)
            .BuildServiceProvider();

        Assert.Equal(Path.GetFullPath(relative), services.GetRequiredService<SqliteDatabase>().Path);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
