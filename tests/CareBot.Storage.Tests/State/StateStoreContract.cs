using System.Text;
using CareBot.Care.Stores;
using CareBot.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Storage.Tests.State;

/// <summary>What every <see cref="IStateStore"/> does, whatever the engine.</summary>
public abstract class StateStoreContract(StorageFixture fixture)
{
    private IStateStore Store => fixture.Get<IStateStore>();

    private static string NewKey() => "conversation/" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Read_of_a_key_never_written_returns_nothing_for_it()
    {
        var result = await Store.ReadAsync([NewKey()], CancellationToken.None);

        Assert.Empty(result);
    }

    [Fact]
    public async Task Write_with_no_expected_etag_creates_the_key_and_read_returns_it()
    {
        var key = NewKey();

        var written = await Store.WriteAsync([new StateWrite(key, """{"node":"greet"}""", null)], CancellationToken.None);
        var read = await Store.ReadAsync([key], CancellationToken.None);

        var record = Assert.Single(written);
        Assert.Equal(key, record.Key);
        Assert.False(string.IsNullOrEmpty(record.ETag));
        Assert.Equal(record, read[key]);
    }

    [Fact]
    public async Task Deleting_documents_written_before_a_time_takes_only_that_prefix_and_only_old_ones()
    {
        var prefix = "sweep-" + Guid.NewGuid().ToString("N")[..8] + "/comment/";
        string[] keys = [prefix + "1", prefix + "2", prefix.ToUpperInvariant() + "3", prefix[..^1] + "x/4", "other/" + prefix + "5"];
        await Store.WriteAsync([.. keys.Select(key => new StateWrite(key, "{}", null))], CancellationToken.None);

        var written = fixture.Get<TimeProvider>().GetUtcNow(); // the store's clock
        var none = await Store.DeleteWrittenBeforeAsync(prefix, written.AddMinutes(-5), CancellationToken.None);
        var deleted = await Store.DeleteWrittenBeforeAsync(prefix, written.AddMinutes(5), CancellationToken.None);

        Assert.Equal((0, 2), (none, deleted));
        var left = await Store.ReadAsync(keys, CancellationToken.None);
        Assert.Equal(keys[2..].Order(StringComparer.Ordinal), left.Keys.Order(StringComparer.Ordinal)); // other case, prefix, place
    }

    [Fact]
    public async Task Read_of_several_keys_returns_the_existing_ones_in_one_call()
    {
        var (a, b, missing) = (NewKey(), NewKey(), NewKey());
        await Store.WriteAsync([new StateWrite(a, "{\"a\":1}", null), new StateWrite(b, "{\"b\":2}", null)], CancellationToken.None);

        var read = await Store.ReadAsync([a, b, missing], CancellationToken.None);

        Assert.Equal(2, read.Count);
        Assert.Equal("{\"a\":1}", read[a].Utf8Json.Text);
        Assert.Equal("{\"b\":2}", read[b].Utf8Json.Text);
    }

    [Fact]
    public async Task Write_with_the_current_etag_updates_and_issues_a_new_etag()
    {
        var key = NewKey();
        var created = (await Store.WriteAsync([new StateWrite(key, "{\"v\":1}", null)], CancellationToken.None))[0];

        var updated = (await Store.WriteAsync([new StateWrite(key, "{\"v\":2}", created.ETag)], CancellationToken.None))[0];

        Assert.NotEqual(created.ETag, updated.ETag);
        Assert.Equal(updated, (await Store.ReadAsync([key], CancellationToken.None))[key]);
    }

    [Fact]
    public async Task Write_with_a_stale_etag_throws_a_conflict_naming_the_key()
    {
        var key = NewKey();
        var first = (await Store.WriteAsync([new StateWrite(key, "{\"v\":1}", null)], CancellationToken.None))[0];
        await Store.WriteAsync([new StateWrite(key, "{\"v\":2}", first.ETag)], CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<StateConflictException>(
            () => Store.WriteAsync([new StateWrite(key, "{\"v\":3}", first.ETag)], CancellationToken.None));

        Assert.Equal(key, conflict.Key);
        Assert.Equal(first.ETag, conflict.ExpectedETag);
        Assert.Equal("{\"v\":2}", (await Store.ReadAsync([key], CancellationToken.None))[key].Utf8Json.Text);
    }

    [Fact]
    public async Task One_stale_etag_among_several_writes_writes_nothing_at_all()
    {
        var (user, conversation, fresh) = (NewKey(), NewKey(), NewKey());
        var initial = await Store.WriteAsync(
            [new StateWrite(user, "{\"user\":1}", null), new StateWrite(conversation, "{\"conversation\":1}", null)],
            CancellationToken.None);
        await Store.WriteAsync([new StateWrite(conversation, "{\"conversation\":2}", initial[1].ETag)], CancellationToken.None);

        // The first and third writes would succeed alone; the stale second one must undo them.
        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => Store.WriteAsync(
            [
                new StateWrite(user, "{\"user\":2}", initial[0].ETag),
                new StateWrite(conversation, "{\"conversation\":3}", initial[1].ETag),
                new StateWrite(fresh, "{\"fresh\":1}", null),
            ],
            CancellationToken.None));

        Assert.Equal(conversation, conflict.Key);
        var read = await Store.ReadAsync([user, conversation, fresh], CancellationToken.None);
        Assert.Equal(initial[0], read[user]);
        Assert.Equal("{\"conversation\":2}", read[conversation].Utf8Json.Text);
        Assert.False(read.ContainsKey(fresh));
    }

    [Fact]
    public async Task Creating_a_key_that_already_exists_is_a_conflict()
    {
        var key = NewKey();
        var existing = (await Store.WriteAsync([new StateWrite(key, "{\"v\":1}", null)], CancellationToken.None))[0];

        var conflict = await Assert.ThrowsAsync<StateConflictException>(
            () => Store.WriteAsync([new StateWrite(key, "{\"v\":2}", null)], CancellationToken.None));

        Assert.Equal(key, conflict.Key);
        Assert.Null(conflict.ExpectedETag);
        Assert.Equal(existing, (await Store.ReadAsync([key], CancellationToken.None))[key]);
    }

    [Fact]
    public async Task Updating_a_key_that_does_not_exist_is_a_conflict()
    {
        var key = NewKey();

        await Assert.ThrowsAsync<StateConflictException>(
            () => Store.WriteAsync([new StateWrite(key, "{\"v\":1}", "some-etag")], CancellationToken.None));

        Assert.Empty(await Store.ReadAsync([key], CancellationToken.None));
    }

    [Fact]
    public async Task The_wildcard_etag_overwrites_an_existing_key_and_creates_a_missing_one()
    {
        var (existing, missing) = (NewKey(), NewKey());
        var before = (await Store.WriteAsync([new StateWrite(existing, "{\"v\":1}", null)], CancellationToken.None))[0];

        var written = await Store.WriteAsync(
            [new StateWrite(existing, "{\"v\":2}", "*"), new StateWrite(missing, "{\"v\":1}", "*")],
            CancellationToken.None);

        var read = await Store.ReadAsync([existing, missing], CancellationToken.None);
        Assert.Equal("{\"v\":2}", read[existing].Utf8Json.Text);
        Assert.NotEqual(before.ETag, read[existing].ETag);
        Assert.Equal(written[1], read[missing]);
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_etag_exactly_one_wins()
    {
        var key = NewKey();
        var start = (await Store.WriteAsync([new StateWrite(key, "{\"writer\":-1}", null)], CancellationToken.None))[0];

        var outcomes = await RaceAsync(8, writer => Store.WriteAsync([new StateWrite(key, $"{{\"writer\":{writer}}}", start.ETag)], CancellationToken.None));

        var winner = Assert.Single(outcomes, o => o.Result is not null);
        Assert.All(outcomes.Where(o => o.Result is null), o => Assert.IsType<StateConflictException>(o.Error));
        Assert.Equal(winner.Result![0], (await Store.ReadAsync([key], CancellationToken.None))[key]);
    }

    [Fact]
    public async Task Concurrent_creators_of_the_same_key_exactly_one_wins()
    {
        var key = NewKey();

        var outcomes = await RaceAsync(8, writer => Store.WriteAsync([new StateWrite(key, $"{{\"writer\":{writer}}}", null)], CancellationToken.None));

        var winner = Assert.Single(outcomes, o => o.Result is not null);
        Assert.All(outcomes.Where(o => o.Result is null), o => Assert.IsType<StateConflictException>(o.Error));
        Assert.Equal(winner.Result![0], (await Store.ReadAsync([key], CancellationToken.None))[key]);
    }

    [Fact]
    public async Task Delete_with_the_current_etag_removes_the_key()
    {
        var key = NewKey();
        var record = (await Store.WriteAsync([new StateWrite(key, "{}", null)], CancellationToken.None))[0];

        await Store.DeleteAsync(key, record.ETag, CancellationToken.None);

        Assert.Empty(await Store.ReadAsync([key], CancellationToken.None));
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_is_a_conflict_and_keeps_the_key()
    {
        var key = NewKey();
        var first = (await Store.WriteAsync([new StateWrite(key, "{\"v\":1}", null)], CancellationToken.None))[0];
        var second = (await Store.WriteAsync([new StateWrite(key, "{\"v\":2}", first.ETag)], CancellationToken.None))[0];

        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => Store.DeleteAsync(key, first.ETag, CancellationToken.None));

        Assert.Equal(key, conflict.Key);
        Assert.Equal(second, (await Store.ReadAsync([key], CancellationToken.None))[key]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    public async Task Delete_without_an_etag_removes_the_key_unconditionally(string? etag)
    {
        var key = NewKey();
        await Store.WriteAsync([new StateWrite(key, "{}", null)], CancellationToken.None);

        await Store.DeleteAsync(key, etag, CancellationToken.None);

        Assert.Empty(await Store.ReadAsync([key], CancellationToken.None));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("some-etag")]
    public async Task Deleting_a_missing_key_is_not_an_error(string? etag)
    {
        var key = NewKey();

        await Store.DeleteAsync(key, etag, CancellationToken.None);

        Assert.Empty(await Store.ReadAsync([key], CancellationToken.None));
    }

    [Fact]
    public async Task A_deleted_key_can_be_created_again()
    {
        var key = NewKey();
        await Store.WriteAsync([new StateWrite(key, "{\"v\":1}", null)], CancellationToken.None);
        await Store.DeleteAsync(key, null, CancellationToken.None);

        await Store.WriteAsync([new StateWrite(key, "{\"v\":2}", null)], CancellationToken.None);

        Assert.Equal("{\"v\":2}", (await Store.ReadAsync([key], CancellationToken.None))[key].Utf8Json.Text);
    }

    [Fact]
    public async Task Unicode_and_large_json_round_trip_exactly()
    {
        var key = NewKey() + "/ключ/キー/🙂";
        var text = new StringBuilder();
        while (text.Length < 1_000_000)
        {
            text.Append("Ça ne marche pas 😡 — 我的订单在哪里？ ‏مرحبا‎ e\u0301 ");
        }

        var json = $"{{\"vent\":\"{text}\",\"order\":\"A-123\"}}";

        await Store.WriteAsync([new StateWrite(key, json, null)], CancellationToken.None);

        Assert.Equal(json, (await Store.ReadAsync([key], CancellationToken.None))[key].Utf8Json.Text);
    }

    [Fact]
    public async Task Writing_the_same_key_twice_in_one_call_is_rejected_as_a_programming_error()
    {
        var key = NewKey();

        await Assert.ThrowsAsync<ArgumentException>(
            () => Store.WriteAsync([new StateWrite(key, "{}", null), new StateWrite(key, "{}", null)], CancellationToken.None));
    }

    [Fact]
    public async Task State_survives_reopening_the_store()
    {
        var key = NewKey();
        var written = (await Store.WriteAsync([new StateWrite(key, "{\"kept\":true}", null)], CancellationToken.None))[0];

        await using var reopened = fixture.Reopen();
        var read = await reopened.GetRequiredService<IStateStore>().ReadAsync([key], CancellationToken.None);

        Assert.Equal(written, read[key]);
    }

    /// <summary>Starts <paramref name="count"/> real parallel tasks that all wait for one signal, then run together.</summary>
    private static async Task<IReadOnlyList<(IReadOnlyList<StateRecord>? Result, Exception? Error)>> RaceAsync(
        int count, Func<int, Task<IReadOnlyList<StateRecord>>> write)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await go.Task;
            try
            {
                return ((IReadOnlyList<StateRecord>?)await write(i), (Exception?)null);
            }
            catch (Exception exception)
            {
                return (null, exception);
            }
        })).ToList();
        go.SetResult();
        return await Task.WhenAll(tasks);
    }
}
