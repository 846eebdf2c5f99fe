using CareBot.Dialogs;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Runtime;
using CareBot.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Storage.Tests.Scripts;

/// <summary>
/// The dialog engine's registry on the durable archive: a conversation that started on an older script version keeps
/// it after a restart, although a newer version is live.
/// </summary>
public sealed class ScriptRegistryRestartTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static (string File, string Source) Script(string question, string goodbye) => ("order.yaml", $"""
        dialog: order
        start: ask
        nodes:
          - id: ask
            ask: "{question}"
            capture: order
            next: bye
          - id: bye
            end: "{goodbye}"
        """);

    [Fact]
    public async Task A_conversation_pinned_to_an_older_version_continues_on_it_after_a_restart()
    {
        var registry = new ScriptRegistry(fixture.Get<IScriptArchive>());
        Assert.True((await registry.LoadSourcesAsync([Script("v1: your order number?", "v1: thanks")], CancellationToken.None)).IsValid);
        var v1 = registry.CurrentVersions["order"];
        var runtime = new DialogRuntime(registry);
        var asked = runtime.Step(runtime.Start("order"), TurnInput.Begin(isPublic: false, Now));
        Assert.Equal(["v1: your order number?"], asked.Replies);
        Assert.True((await registry.LoadSourcesAsync([Script("v2: which order?", "v2: got it")], CancellationToken.None)).IsValid);
        Assert.NotEqual(v1, registry.CurrentVersions["order"]);
        var savedState = asked.State.ToJson();

        // The restart: new services on the same database, a new registry that loads only today's scripts.
        await using var restarted = fixture.Reopen();
        var newRegistry = new ScriptRegistry(restarted.GetRequiredService<IScriptArchive>());
        Assert.True((await newRegistry.LoadSourcesAsync([Script("v2: which order?", "v2: got it")], CancellationToken.None)).IsValid);
        var state = DialogState.FromJson(savedState);
        Assert.Null(newRegistry.Find("order", v1));

        await newRegistry.EnsureAvailableAsync(state, CancellationToken.None);

        var restored = newRegistry.Find("order", v1);
        Assert.NotNull(restored);
        Assert.Equal(v1, restored.Version);
        var answered = new DialogRuntime(newRegistry).Step(state, TurnInput.Message("A-1234", isPublic: false, Now));
        Assert.Equal(["v1: thanks"], answered.Replies);
        Assert.Equal(DialogStatus.Ended, answered.State.Status);
    }

    [Fact]
    public async Task A_version_that_was_never_archived_stays_missing_instead_of_failing_the_restore()
    {
        var registry = new ScriptRegistry(fixture.Get<IScriptArchive>());
        var state = new DialogState
        {
            ScriptId = "order",
            Versions = new Dictionary<string, string> { ["order"] = "never-published" },
            Stack = [new DialogFrame("order", "never-published", "ask")],
        };

        await registry.EnsureAvailableAsync(state, CancellationToken.None);

        Assert.Null(registry.Find("order", "never-published"));
    }
}
