using System.Text;
using CareBot.Dialogs.Loading;
using CareBot.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Storage.Tests.Scripts;

/// <summary>What every durable <see cref="IScriptArchive"/> does, whatever the engine.</summary>
public abstract class ScriptArchiveContract(StorageFixture fixture)
{
    private IScriptArchive Archive => fixture.Get<IScriptArchive>();

    private static string NewScriptId() => "dialog-" + Guid.NewGuid().ToString("N");

    private static ArchivedScript Script(string id, string version, string text = "Hi!", string file = "care.yaml") =>
        new(id, version, file, $"dialog: {id}\nstart: hi\nnodes:\n  - id: hi\n    end: \"{text}\"\n");

    [Fact]
    public async Task A_saved_version_loads_back_with_its_file_and_source()
    {
        var script = Script(NewScriptId(), "3f2a9c01", file: "dialogs/care.yaml");

        await Archive.SaveAsync(script, CancellationToken.None);

        Assert.Equal(script, await Archive.LoadAsync(script.ScriptId, script.Version, CancellationToken.None));
    }

    [Fact]
    public async Task Unicode_and_a_large_source_round_trip_byte_for_byte()
    {
        var id = NewScriptId();
        var source = new StringBuilder($"dialog: {id}\r\n# Désolé 😤 — 请帮帮我 \t trailing spaces   \r\nnodes:\n");
        for (var i = 0; source.Length < 1_000_000; i++)
        {
            source.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - id: n{i}\n    say: \"Schöne Grüße, {{user.name}} ✓ {i}\"\n");
        }

        var script = new ArchivedScript(id, "c0ffee", "données/soin.yaml", source.ToString());

        await Archive.SaveAsync(script, CancellationToken.None);

        var loaded = await Archive.LoadAsync(id, "c0ffee", CancellationToken.None);
        Assert.NotNull(loaded);
        Assert.Equal("données/soin.yaml", loaded.File);
        Assert.Equal(script.Source.Length, loaded.Source.Length);
        Assert.Equal(script.Source, loaded.Source);
    }

    [Fact]
    public async Task Loading_a_version_never_saved_returns_null()
    {
        var id = NewScriptId();
        await Archive.SaveAsync(Script(id, "v1"), CancellationToken.None);

        Assert.Null(await Archive.LoadAsync(id, "v2", CancellationToken.None));
        Assert.Null(await Archive.LoadAsync(NewScriptId(), "v1", CancellationToken.None));
    }

    [Fact]
    public async Task Saving_the_same_version_again_is_harmless_and_keeps_the_first()
    {
        var id = NewScriptId();
        var first = Script(id, "v1", file: "care.yaml");

        await Archive.SaveAsync(first, CancellationToken.None);
        await Archive.SaveAsync(first, CancellationToken.None);
        await Archive.SaveAsync(first with { File = "renamed.yaml", Source = first.Source + "\n# edited" }, CancellationToken.None);

        Assert.Equal(first, await Archive.LoadAsync(id, "v1", CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_saves_of_one_version_from_two_processes_all_succeed_and_one_copy_is_kept()
    {
        var id = NewScriptId();
        await using var otherProcess = fixture.Reopen();
        var archives = new[] { Archive, otherProcess.GetRequiredService<IScriptArchive>() };
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var saves = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await go.Task;
            await archives[i % 2].SaveAsync(Script(id, "v1", file: $"copy{i}.yaml"), CancellationToken.None);
        })).ToList();
        go.SetResult();
        await Task.WhenAll(saves);

        foreach (var archive in archives)
        {
            var loaded = await archive.LoadAsync(id, "v1", CancellationToken.None);
            Assert.NotNull(loaded);
            Assert.Matches("^copy[0-7]\\.yaml$", loaded.File);
            Assert.Equal(Script(id, "v1").Source, loaded.Source);
        }
    }

    [Fact]
    public async Task Versions_of_one_script_are_kept_side_by_side()
    {
        var id = NewScriptId();
        var v1 = Script(id, "v1", text: "first");
        var v2 = Script(id, "v2", text: "second");
        var other = Script(NewScriptId(), "v1", text: "another dialog");

        await Archive.SaveAsync(v1, CancellationToken.None);
        await Archive.SaveAsync(v2, CancellationToken.None);
        await Archive.SaveAsync(other, CancellationToken.None);

        Assert.Equal(v1, await Archive.LoadAsync(id, "v1", CancellationToken.None));
        Assert.Equal(v2, await Archive.LoadAsync(id, "v2", CancellationToken.None));
        Assert.Equal(other, await Archive.LoadAsync(other.ScriptId, "v1", CancellationToken.None));
    }

    [Fact]
    public async Task Versions_survive_reopening_the_store()
    {
        var script = Script(NewScriptId(), "v1", text: "kept");
        await Archive.SaveAsync(script, CancellationToken.None);

        await using var reopened = fixture.Reopen();
        var loaded = await reopened.GetRequiredService<IScriptArchive>().LoadAsync(script.ScriptId, "v1", CancellationToken.None);

        Assert.Equal(script, loaded);
    }

    [Fact]
    public async Task A_script_without_id_or_version_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Archive.SaveAsync(null!, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Archive.SaveAsync(Script("", "v1"), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Archive.SaveAsync(Script(NewScriptId(), ""), CancellationToken.None));
    }
}
