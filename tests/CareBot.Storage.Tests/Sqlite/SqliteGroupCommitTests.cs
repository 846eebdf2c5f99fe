using System.Data;
using System.Data.Common;
using CareBot.Care.Stores;
using CareBot.Protocol.Middleware;
using CareBot.Storage.Sql;
using CareBot.Storage.Sqlite;
using CareBot.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CareBot.Storage.Tests.Sqlite;

/// <summary>Concurrent turns' commits on SQLite share one transaction and one flush; a failing one fails alone.</summary>
public sealed class SqliteGroupCommitTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private ITurnCommitStore Turns => fixture.Get<ITurnCommitStore>();

    private IStateStore State => fixture.Get<IStateStore>();

    private SqliteGroupCommit GroupCommit => fixture.Get<SqliteGroupCommit>();

    private static string NewKey() => "conversation/" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Turns_that_commit_while_another_write_holds_the_disk_are_stored_in_one_transaction()
    {
        var keys = Enumerable.Range(0, 16).Select(_ => NewKey()).ToList();
        await Turns.CommitAsync(new TurnCommit([new StateWrite(NewKey(), "{}", null)], [], []), CancellationToken.None); // migrated
        var before = GroupCommit.Batches;

        var commits = await WhileTheDiskIsBusyAsync(keys.Select(key => new TurnCommit([new StateWrite(key, "{\"turn\":1}", null)], [], [])));
        await Task.WhenAll(commits);

        Assert.Equal(1, GroupCommit.Batches - before);
        var stored = await State.ReadAsync(keys, CancellationToken.None);
        Assert.All(keys, key => Assert.Equal("{\"turn\":1}", stored[key].Utf8Json.Text));
    }

    [Fact]
    public async Task A_stale_etag_or_a_duplicate_activity_in_a_batch_fails_only_its_own_turn()
    {
        var (stale, duplicate, fine1, fine2) = (NewKey(), NewKey(), NewKey(), NewKey());
        var first = (await State.WriteAsync([new StateWrite(stale, "{\"v\":1}", null)], CancellationToken.None))[0];
        await State.WriteAsync([new StateWrite(stale, "{\"v\":2}", first.ETag)], CancellationToken.None);
        var activity = new ActivityKey("webchat", duplicate, "a-1");
        await Turns.CommitAsync(new TurnCommit([new StateWrite(NewKey(), "{}", null)], [], []) { Processed = new(activity, new StoredTurnOutcome(200, null)) }, CancellationToken.None);

        var commits = await WhileTheDiskIsBusyAsync(
        [
            new TurnCommit([new StateWrite(fine1, "{\"ok\":1}", null)], [], []),
            new TurnCommit([new StateWrite(stale, "{\"v\":3}", first.ETag)], [], []),
            new TurnCommit([new StateWrite(duplicate, "{}", null)], [], []) { Processed = new(activity, new StoredTurnOutcome(200, null)) },
            new TurnCommit([new StateWrite(fine2, "{\"ok\":2}", null)], [], []),
        ]);

        await commits[0];
        await Assert.ThrowsAsync<StateConflictException>(() => commits[1]);
        await Assert.ThrowsAsync<DuplicateActivityException>(() => commits[2]);
        await commits[3];
        var stored = await State.ReadAsync([fine1, stale, duplicate, fine2], CancellationToken.None);
        Assert.Equal("{\"ok\":1}", stored[fine1].Utf8Json.Text);
        Assert.Equal("{\"v\":2}", stored[stale].Utf8Json.Text);
        Assert.False(stored.ContainsKey(duplicate));
        Assert.Equal("{\"ok\":2}", stored[fine2].Utf8Json.Text);
    }

    [Fact]
    public async Task A_turn_alone_in_its_batch_that_fails_leaves_nothing_and_the_next_turn_commits()
    {
        var (fresh, stale, next) = (NewKey(), NewKey(), NewKey());
        var first = (await State.WriteAsync([new StateWrite(stale, "{\"v\":1}", null)], CancellationToken.None))[0];
        await State.WriteAsync([new StateWrite(stale, "{\"v\":2}", first.ETag)], CancellationToken.None);
        var before = GroupCommit.Batches;

        // Its first write succeeds, its second is stale: the whole turn must be undone without a savepoint.
        await Assert.ThrowsAsync<StateConflictException>(() => Turns.CommitAsync(
            new TurnCommit([new StateWrite(fresh, "{\"ok\":1}", null), new StateWrite(stale, "{\"v\":3}", first.ETag)], [], []), CancellationToken.None));
        await Turns.CommitAsync(new TurnCommit([new StateWrite(next, "{\"ok\":2}", null)], [], []), CancellationToken.None);

        var stored = await State.ReadAsync([fresh, stale, next], CancellationToken.None);
        Assert.False(stored.ContainsKey(fresh));
        Assert.Equal("{\"v\":2}", stored[stale].Utf8Json.Text);
        Assert.Equal("{\"ok\":2}", stored[next].Utf8Json.Text);
        Assert.Equal(1, GroupCommit.Batches - before); // the failed turn committed no batch
    }

    [Fact]
    public async Task A_kept_command_whose_last_turn_failed_and_was_rolled_back_serves_the_next_turn()
    {
        var key = NewKey();
        var stored = (await Turns.CommitAsync(new TurnCommit([new StateWrite(key, "{\"v\":1}", null)], [], []), CancellationToken.None)).State[0];
        var activity = new ActivityKey("webchat", key, "a-1");
        await Turns.CommitAsync(new TurnCommit([], [], []) { Processed = new(activity, new StoredTurnOutcome(200, null)) }, CancellationToken.None);

        // Alone in their batches: the stale update and the duplicate outcome fail, and their transactions roll back.
        await Assert.ThrowsAsync<StateConflictException>(() => Turns.CommitAsync(
            new TurnCommit([new StateWrite(key, "{\"v\":2}", "stale")], [], []), CancellationToken.None));
        await Assert.ThrowsAsync<DuplicateActivityException>(() => Turns.CommitAsync(
            new TurnCommit([], [], []) { Processed = new(activity, new StoredTurnOutcome(200, null)) }, CancellationToken.None));

        // The same statements again, rebound with new values.
        var next = activity with { ActivityId = "a-2" };
        await Turns.CommitAsync(
            new TurnCommit([new StateWrite(key, "{\"v\":3}", stored.ETag)], [], []) { Processed = new(next, new StoredTurnOutcome(201, "{}")) },
            CancellationToken.None);

        Assert.Equal("{\"v\":3}", (await State.ReadAsync([key], CancellationToken.None))[key].Utf8Json.Text);
        Assert.Equal(new StoredTurnOutcome(201, "{}"), await fixture.Get<IActivityOutcomeStore>().FindAsync(next, CancellationToken.None));
    }

    [Fact]
    public async Task After_a_batch_fails_as_a_whole_the_writer_opens_a_new_connection_with_new_commands()
    {
        await Turns.CommitAsync(new TurnCommit([new StateWrite(NewKey(), "{}", null)], [], []), CancellationToken.None); // migrated
        var connection = await fixture.Get<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await using (connection)
        {
            // A deferred foreign key is checked at COMMIT: a row without its parent fails the whole batch there.
            using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS test_parent (id INTEGER PRIMARY KEY);
                CREATE TABLE IF NOT EXISTS test_child (parent INTEGER REFERENCES test_parent (id) DEFERRABLE INITIALLY DEFERRED);
                """;
            await create.ExecuteNonQueryAsync();
        }

        const string InsertChild = "INSERT INTO test_child (parent) VALUES (@parent);";
        DbCommand? first = null;
        await Assert.ThrowsAsync<SqliteException>(() => GroupCommit.WriteAsync(
            async (transaction, kept, ct) =>
            {
                first = kept.Get(transaction, InsertChild).With("@parent", 42);
                return await first.ExecuteNonQueryAsync(ct);
            },
            CancellationToken.None));

        var key = NewKey();
        await Turns.CommitAsync(new TurnCommit([new StateWrite(key, "{\"ok\":1}", null)], [], []), CancellationToken.None);
        var second = await GroupCommit.WriteAsync((transaction, kept, _) => Task.FromResult(kept.Get(transaction, InsertChild)), CancellationToken.None);

        Assert.Equal("{\"ok\":1}", (await State.ReadAsync([key], CancellationToken.None))[key].Utf8Json.Text);
        Assert.NotSame(first, second);
        Assert.NotSame(first!.Connection, second.Connection);
        Assert.Equal(ConnectionState.Open, second.Connection!.State);
    }

    // Starts the commits while this test holds the process's write turn, waits until all of them queue, then lets go.
    private async Task<Task<TurnCommitResult>[]> WhileTheDiskIsBusyAsync(IEnumerable<TurnCommit> turns)
    {
        var database = fixture.Get<SqliteDatabase>();
        Task<TurnCommitResult>[] commits;
        using (await database.EnterWriteAsync(CancellationToken.None))
        {
            commits = [.. turns.Select(turn => Task.Run(() => Turns.CommitAsync(turn, CancellationToken.None)))];
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (GroupCommit.Queued < commits.Length && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }
        }

        return commits;
    }
}
