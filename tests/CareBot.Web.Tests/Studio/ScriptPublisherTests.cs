using CareBot.Care.Studio;
using CareBot.Dialogs;
using CareBot.Dialogs.Runtime;
using CareBot.Web.Studio;

namespace CareBot.Web.Tests.Studio;

/// <summary>Publishing and rolling back through the one publisher: the gates (valid, tests pass, base version), the file, the registry, the record.</summary>
public sealed class ScriptPublisherTests
{
    private static readonly string Edited = StudioFolder.Hello.Replace("Bye now.", "Bye now, see you soon.", StringComparison.Ordinal);

    [Fact]
    public async Task Publishing_writes_the_file_makes_it_live_records_the_version_and_tells_the_listener()
    {
        var listener = new RecordingListener();
        using var folder = await StudioFolder.CreateAsync(listener);
        var before = folder.LiveVersion;
        var pinned = new DialogRuntime(folder.Registry).Start("hello");

        var result = await folder.Publisher.PublishAsync(new PublishRequest("hello", Edited, before, "ada", "Friendlier goodbye"), CancellationToken.None);

        Assert.True(result.Published, result.Problem);
        Assert.Equal(Edited, folder.FileText);
        Assert.NotEqual(before, folder.LiveVersion);
        Assert.Equal(result.Publication!.Version, folder.LiveVersion);
        Assert.Equal(before, pinned.Versions["hello"]); // a conversation started before keeps its version
        Assert.NotNull(folder.Registry.Find("hello", before));
        var history = await folder.Store.ListPublicationsAsync("hello", 10, CancellationToken.None);
        Assert.Equal([("ada", folder.LiveVersion), (ScriptPublisher.FilesAuthor, before)], history.Select(p => (p.Author, p.Version)));
        Assert.Equal("Friendlier goodbye", history[0].Note);
        Assert.Single(listener.Published);
        Assert.Contains(await folder.Store.ListAuditAsync(10, CancellationToken.None), a => a.Actor == "ada" && a.Detail.Contains("Friendlier goodbye", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.studio-tmp", SearchOption.AllDirectories).Concat(Directory.EnumerateFiles(folder.Path, ".*")));
    }

    [Fact]
    public async Task A_draft_whose_test_fails_is_not_published()
    {
        using var folder = await StudioFolder.CreateAsync();
        var failing = StudioFolder.Hello.Replace("Bye now.", "Farewell.", StringComparison.Ordinal);

        var result = await folder.Publisher.PublishAsync(new PublishRequest("hello", failing, folder.LiveVersion, "ada", "Change"), CancellationToken.None);

        Assert.False(result.Published);
        Assert.Contains("test", result.Problem, StringComparison.Ordinal);
        Assert.Contains(result.Tests!.Results, r => !r.Passed);
        Assert.Equal(StudioFolder.Hello, folder.FileText);
    }

    [Fact]
    public async Task An_invalid_draft_is_not_published()
    {
        using var folder = await StudioFolder.CreateAsync();
        var invalid = StudioFolder.Hello.Replace("next: done", "next: nowhere", StringComparison.Ordinal);

        var result = await folder.Publisher.PublishAsync(new PublishRequest("hello", invalid, folder.LiveVersion, "ada", "Change"), CancellationToken.None);

        Assert.False(result.Published);
        Assert.Contains("error", result.Problem, StringComparison.Ordinal);
        Assert.Equal(StudioFolder.Hello, folder.FileText);
    }

    [Fact]
    public async Task A_draft_on_an_older_base_needs_an_explicit_overwrite()
    {
        using var folder = await StudioFolder.CreateAsync();
        var oldBase = folder.LiveVersion;
        Assert.True((await folder.Publisher.PublishAsync(new PublishRequest("hello", Edited, oldBase, "ben", "Ben's change"), CancellationToken.None)).Published);
        var mine = StudioFolder.Hello.Replace("What is your name?", "Who am I talking to?", StringComparison.Ordinal);

        var refused = await folder.Publisher.PublishAsync(new PublishRequest("hello", mine, oldBase, "ada", "Mine"), CancellationToken.None);
        var forced = await folder.Publisher.PublishAsync(new PublishRequest("hello", mine, oldBase, "ada", "Mine", Overwrite: true), CancellationToken.None);

        Assert.True(refused.NeedsOverwrite);
        Assert.Contains("by ben", refused.Problem, StringComparison.Ordinal);
        Assert.True(forced.Published, forced.Problem);
        Assert.Equal(mine, folder.FileText);
    }

    [Fact]
    public async Task A_publish_without_a_note_is_refused()
    {
        using var folder = await StudioFolder.CreateAsync();

        var result = await folder.Publisher.PublishAsync(new PublishRequest("hello", Edited, folder.LiveVersion, "ada", "  "), CancellationToken.None);

        Assert.False(result.Published);
        Assert.Contains("note", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rolling_back_publishes_the_old_source_again_as_a_new_version()
    {
        using var folder = await StudioFolder.CreateAsync();
        Assert.True((await folder.Publisher.PublishAsync(new PublishRequest("hello", Edited, folder.LiveVersion, "ada", "Change"), CancellationToken.None)).Published);
        var original = (await folder.Store.ListPublicationsAsync("hello", 10, CancellationToken.None))[^1];

        var result = await folder.Publisher.RollBackAsync("hello", original.Number, "ada", "Undo", CancellationToken.None);

        Assert.True(result.Published, result.Problem);
        Assert.Equal(PublicationKinds.RollBack, result.Publication!.Kind);
        Assert.Equal(StudioFolder.Hello, folder.FileText);
        Assert.Equal(original.Version, folder.LiveVersion);
        Assert.Equal(3, (await folder.Store.ListPublicationsAsync("hello", 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Try_it_shows_the_node_path_and_touches_nothing_live()
    {
        using var folder = await StudioFolder.CreateAsync();
        var (session, errors) = await folder.Scripts.StartTryAsync("hello", Edited, startPublic: false, "Sam", CancellationToken.None);

        await session!.SayAsync("hi", CancellationToken.None);
        var turn = await session.SayAsync("Sam", CancellationToken.None);

        Assert.Empty(errors);
        Assert.Equal(["hello/greet", "hello/bye", "hello/done"], turn.NodePath);
        Assert.Contains(turn.Replies, r => r.Text == "Bye now, see you soon.");
        Assert.Equal("Sam", turn.Captured["name"]);
        Assert.Contains("end", turn.Effects);
        Assert.Equal(StudioFolder.Hello, folder.FileText);
        Assert.DoesNotContain("see you soon", folder.Registry.Current["hello"].Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Try_it_answers_with_the_brand_name_saved_in_the_live_settings()
    {
        using var folder = await StudioFolder.CreateAsync();
        folder.Live.BrandName = "Contoso Air";
        var draft = StudioFolder.Hello.Replace("say: \"Bye now.\"", "say: \"Bye from {brand.name}.\"", StringComparison.Ordinal);
        var (session, _) = await folder.Scripts.StartTryAsync("hello", draft, startPublic: false, "Sam", CancellationToken.None);

        await session!.SayAsync("hi", CancellationToken.None);
        var turn = await session.SayAsync("Sam", CancellationToken.None);

        Assert.Contains(turn.Replies, r => r.Text == "Bye from Contoso Air.");
    }

    [Theory]
    [InlineData("orders", "Let's find your order.")]
    [InlineData("crm", "I can't see order details from here.")]
    public async Task Try_it_branches_on_the_integrations_this_server_has_as_a_customers_conversation_does(string configured, string expected)
    {
        using var folder = await StudioFolder.CreateAsync();
        var lookups = new Moq.Mock<ILookupClient>();
        lookups.Setup(l => l.Integrations).Returns(new HashSet<string>([configured], StringComparer.OrdinalIgnoreCase));
        var scripts = new StudioScripts(folder.Registry, folder.Store, NoSignalsAnnotator.Instance, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(folder.Live), lookups: lookups.Object);
        const string draft = """
            dialog: hello
            start: route
            nodes:
              - id: route
                branch:
                  - when: { integration: orders }
                    goto: find
                default: cannot
              - id: find
                end: "Let's find your order."
              - id: cannot
                end: "I can't see order details from here."
            """;
        var (session, errors) = await scripts.StartTryAsync("hello", draft, startPublic: false, "Sam", CancellationToken.None);

        var turn = await session!.SayAsync("where is my order?", CancellationToken.None);

        Assert.Empty(errors);
        Assert.Contains(turn.Replies, r => r.Text == expected);
    }

    private sealed class RecordingListener : IScriptPublishedListener
    {
        public List<ScriptPublication> Published { get; } = [];

        public Task OnPublishedAsync(ScriptPublication publication, CancellationToken cancellationToken)
        {
            Published.Add(publication);
            return Task.CompletedTask;
        }
    }
}
