using System.Data.Common;
using CareBot.Care.Stores;
using CareBot.Storage.Sql;
using CareBot.Storage.Sqlite;
using CareBot.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CareBot.Storage.Tests.Sqlite;

/// <summary>The read connections SQLite keeps open with their commands, for the reads every turn makes.</summary>
public sealed class SqliteReadersTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private const string ReadJson = "SELECT json FROM state WHERE state_key = @key;";

    private IStateStore State => fixture.Get<IStateStore>();

    [Fact]
    public async Task A_kept_reader_runs_the_same_command_again_and_sees_what_was_committed_in_between()
    {
        using var readers = new SqliteReaders(fixture.Get<SqliteDatabase>());
        var key = "conversation/" + Guid.NewGuid().ToString("N");
        var first = (await State.WriteAsync([new StateWrite(key, "{\"v\":1}", null)], CancellationToken.None))[0];

        var (command1, json1) = await ReadAsync(readers, key);
        await State.WriteAsync([new StateWrite(key, "{\"v\":2}", first.ETag)], CancellationToken.None);
        var (command2, json2) = await ReadAsync(readers, key);

        Assert.Same(command1, command2);
        Assert.Equal("{\"v\":1}", json1);
        Assert.Equal("{\"v\":2}", json2);
    }

    [Fact]
    public async Task A_kept_reader_holds_no_read_transaction_between_reads_so_a_checkpoint_copies_every_frame()
    {
        using var readers = new SqliteReaders(fixture.Get<SqliteDatabase>());
        var key = "conversation/" + Guid.NewGuid().ToString("N");
        var first = (await State.WriteAsync([new StateWrite(key, "{\"v\":1}", null)], CancellationToken.None))[0];
        await ReadAsync(readers, key);
        await State.WriteAsync([new StateWrite(key, "{\"v\":2}", first.ETag)], CancellationToken.None); // frames after that read

        var connection = await fixture.Get<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await using (connection)
        {
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);"; // busy, frames in the log, frames checkpointed
            using var result = await checkpoint.ExecuteReaderAsync();
            Assert.True(await result.ReadAsync());
            Assert.Equal(result.GetInt64(1), result.GetInt64(2));
        }

        Assert.Equal(1, readers.Idle); // the reader is still kept
    }

    [Fact]
    public async Task A_read_that_fails_closes_its_reader_and_the_next_read_opens_a_new_one()
    {
        using var readers = new SqliteReaders(fixture.Get<SqliteDatabase>());
        var kept = await readers.ReadAsync((connection, _) => Task.FromResult(connection), CancellationToken.None);

        await Assert.ThrowsAsync<SqliteException>(() => readers.ReadAsync<int>(
            async (connection, commands) => Convert.ToInt32(await commands.Get(null, "SELECT no_such_column FROM state;").ExecuteScalarAsync()),
            CancellationToken.None));
        var next = await readers.ReadAsync((connection, _) => Task.FromResult(connection), CancellationToken.None);

        Assert.Equal(System.Data.ConnectionState.Closed, kept.State);
        Assert.NotSame(kept, next);
    }

    [Fact]
    public async Task At_most_max_idle_readers_wait_between_reads()
    {
        using var readers = new SqliteReaders(fixture.Get<SqliteDatabase>());
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;

        var reads = Enumerable.Range(0, SqliteReaders.MaxIdle + 2).Select(_ => readers.ReadAsync(
            async (_, _) =>
            {
                Interlocked.Increment(ref started);
                await release.Task;
                return 0;
            },
            CancellationToken.None)).ToList();
        while (Volatile.Read(ref started) < reads.Count)
        {
            await Task.Delay(5);
        }

        release.SetResult();
        await Task.WhenAll(reads);

        Assert.Equal(SqliteReaders.MaxIdle, readers.Idle);
    }

    private static Task<(DbCommand Command, string? Json)> ReadAsync(SqliteReaders readers, string key) =>
        readers.ReadAsync(
            async (_, commands) =>
            {
                var command = commands.Get(null, ReadJson).With("@key", key);
                return (command, (string?)await command.ExecuteScalarAsync());
            },
            CancellationToken.None);
}
