using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.ScriptTests;

namespace CareBot.Dialogs.Tests.Loading;

public class ScriptRegistryTests
{
    private static string Version(string greeting) => $"dialog: t\nstart: q\nnodes:\n  - id: q\n    ask: \"{greeting}\"\n    capture: x\n    next: e\n  - id: e\n    end: \"Bye from {greeting}\"\n";

    [Fact]
    public async Task AConversationInFlight_KeepsItsVersion_NewConversationsGetTheNewOne()
    {
        var registry = new ScriptRegistry();
        await registry.LoadSourcesAsync([("t.yaml", Version("v1"))], CancellationToken.None);
        var runtime = new DialogRuntime(registry);
        var old = new ConversationDriver(runtime, "t");
        old.Say("hi");

        await registry.LoadSourcesAsync([("t.yaml", Version("v2"))], CancellationToken.None);

        Assert.Equal(["Bye from v1"], old.Say("answer").Replies.Select(r => r.Text));
        Assert.Equal(["v2"], new ConversationDriver(runtime, "t").Say("hi").Replies.Select(r => r.Text));
    }

    [Fact]
    public async Task AnInvalidChange_IsRefused_AndTheOldVersionStaysLive()
    {
        var registry = new ScriptRegistry();
        await registry.LoadSourcesAsync([("t.yaml", Version("v1"))], CancellationToken.None);
        var live = registry.CurrentVersions["t"];

        var result = await registry.LoadSourcesAsync([("t.yaml", Version("v2").Replace("next: e", "next: nowhere", StringComparison.Ordinal))], CancellationToken.None);

        Assert.False(result.IsValid);
        Assert.Equal(live, registry.CurrentVersions["t"]);
    }

    [Fact]
    public async Task AfterARestart_PinnedVersionsAreRestoredFromTheArchive()
    {
        var archive = new InMemoryScriptArchive();
        var before = new ScriptRegistry(archive);
        await before.LoadSourcesAsync([("t.yaml", Version("v1"))], CancellationToken.None);
        var state = new ConversationDriver(new DialogRuntime(before), "t").Say("hi").State;

        // The restarted server has only v2 on disk, but the same archive.
        var after = new ScriptRegistry(archive);
        await after.LoadSourcesAsync([("t.yaml", Version("v2"))], CancellationToken.None);
        var runtime = new DialogRuntime(after);
        Assert.Throws<DialogRuntimeException>(() => runtime.Step(state, TurnInput.Message("x", false, ConversationDriver.DefaultNow)));

        await after.EnsureAvailableAsync(state, CancellationToken.None);
        var turn = runtime.Step(state, TurnInput.Message("x", false, ConversationDriver.DefaultNow));

        Assert.Equal(["Bye from v1"], turn.Replies);
    }

    [Fact]
    public async Task AfterARestart_AVersionPinnedOnlyByAStackFrame_IsRestoredToo()
    {
        var archive = new InMemoryScriptArchive();
        var before = new ScriptRegistry(archive);
        await before.LoadSourcesAsync([("t.yaml", Version("v1"))], CancellationToken.None);
        var pinned = new ConversationDriver(new DialogRuntime(before), "t").Say("hi").State;
        var after = new ScriptRegistry(archive);
        await after.LoadSourcesAsync([("t.yaml", Version("v2"))], CancellationToken.None);

        // The state's version map names only live versions; the open frame still runs v1.
        var state = pinned with { Versions = after.CurrentVersions };
        Assert.Null(after.Find("t", pinned.Stack[0].Version));

        await after.EnsureAvailableAsync(state, CancellationToken.None);

        Assert.NotNull(after.Find("t", pinned.Stack[0].Version));
    }

    [Fact]
    public async Task LoadFolder_ReadsOnlyTopLevelYaml()
    {
        var folder = Directory.CreateTempSubdirectory("carebot-dialogs-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "t.yaml"), Version("v1"));
            Directory.CreateDirectory(Path.Combine(folder.FullName, "settings"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "settings", "triage.yaml"), "not: a dialog\n");

            var result = await new ScriptRegistry().LoadFolderAsync(folder.FullName, CancellationToken.None);

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
            Assert.Equal("t", Assert.Single(result.Scripts).Id);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Watcher_ReloadsAValidChange_AndRefusesAnInvalidOne()
    {
        var folder = Directory.CreateTempSubdirectory("carebot-dialogs-");
        try
        {
            var file = Path.Combine(folder.FullName, "t.yaml");
            await File.WriteAllTextAsync(file, Version("v1"));
            var registry = new ScriptRegistry();
            await registry.LoadFolderAsync(folder.FullName, CancellationToken.None);
            var v1 = registry.CurrentVersions["t"];
            await using var watcher = registry.Watch(folder.FullName, TimeSpan.FromMilliseconds(50));
            var reloads = System.Threading.Channels.Channel.CreateUnbounded<ScriptSetResult>();
            watcher.Reloaded += r => reloads.Writer.TryWrite(r);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

            await SaveAsync(file, Version("v2"), timeout.Token);
            var valid = await reloads.Reader.ReadAsync(timeout.Token);
            Assert.True(valid.IsValid);
            var v2 = registry.CurrentVersions["t"];
            Assert.NotEqual(v1, v2);

            while (reloads.Reader.TryRead(out _))
            {
            }

            await SaveAsync(file, "dialog: t\nstart: [oops\n", timeout.Token);
            ScriptSetResult invalid;
            do
            {
                invalid = await reloads.Reader.ReadAsync(timeout.Token);
            }
            while (invalid.IsValid);

            Assert.Equal(v2, registry.CurrentVersions["t"]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Saves like an editor does (write a temporary file, then rename over the old one), so the watcher never reads a
    /// half-written file: a plain overwrite truncates first, and a reload in between sees an empty script.
    /// </summary>
    private static async Task SaveAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(temporary, text, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
