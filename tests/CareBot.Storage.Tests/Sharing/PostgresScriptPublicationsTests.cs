using CareBot.Dialogs.Loading;
using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Sharing;

/// <summary>Dialog versions published on one instance go live on every instance on the same PostgreSQL.</summary>
public sealed class PostgresScriptPublicationsTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private static (string File, string Source) Script(string greeting) => ("hello.yaml", $"""
        dialog: hello
        start: greet
        nodes:
          - id: greet
            end: "{greeting}"
        """);

    [Fact]
    public async Task A_version_published_on_one_instance_is_live_on_the_other_within_a_second()
    {
        await using var a = await RunningInstance.StartAsync(fixture);
        await using var b = await RunningInstance.StartAsync(fixture);
        var onA = a.Get<ScriptRegistry>();
        var onB = b.Get<ScriptRegistry>();

        foreach (var greeting in new[] { "Hello (v1)", "Hello (v2)" })
        {
            Assert.True((await onA.LoadSourcesAsync([Script(greeting)], CancellationToken.None)).IsValid);
            var version = onA.CurrentVersions["hello"];

            await WaitUntilAsync(() => onB.CurrentVersions.GetValueOrDefault("hello") == version, TimeSpan.FromSeconds(1));
            Assert.Equal(onA.Current["hello"].Source, onB.Current["hello"].Source);
        }
    }

    [Fact]
    public async Task An_older_version_published_again_on_the_other_instance_goes_back_live_everywhere()
    {
        await using var a = await RunningInstance.StartAsync(fixture);
        await using var b = await RunningInstance.StartAsync(fixture);
        var onA = a.Get<ScriptRegistry>();
        var onB = b.Get<ScriptRegistry>();
        await onA.LoadSourcesAsync([Script("Hi (old)")], CancellationToken.None);
        var old = onA.CurrentVersions["hello"];
        await onA.LoadSourcesAsync([Script("Hi (new)")], CancellationToken.None);
        await WaitUntilAsync(() => onB.CurrentVersions.GetValueOrDefault("hello") == onA.CurrentVersions["hello"], TimeSpan.FromSeconds(1));

        // A rollback on B (the old version is archived already, so nothing new is inserted in script_versions).
        await onB.LoadSourcesAsync([Script("Hi (old)")], CancellationToken.None);

        await WaitUntilAsync(() => onA.CurrentVersions["hello"] == old, TimeSpan.FromSeconds(1));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {within.TotalSeconds} s.");
            await Task.Delay(20);
        }
    }
}
