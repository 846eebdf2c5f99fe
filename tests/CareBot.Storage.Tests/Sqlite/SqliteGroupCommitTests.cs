using CareBot.Care.Stores;
using CareBot.Protocol.Middleware;
using CareBot.Storage.Sqlite;
using CareBot.Storage.Tests.Infrastructure;

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
        Assert.All(keys, key => Assert.Equal("{\"turn\":1}", stored[key].Json));
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
        Assert.Equal("{\"ok\":1}", stored[fine1].Json);
        Assert.Equal("{\"v\":2}", stored[stale].Json);
        Assert.False(stored.ContainsKey(duplicate));
        Assert.Equal("{\"ok\":2}", stored[fine2].Json);
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
        Assert.Equal("{\"v\":2}", stored[stale].Json);
        Assert.Equal("{\"ok\":2}", stored[next].Json);
        Assert.Equal(1, GroupCommit.Batches - before); // the failed turn committed no batch
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
