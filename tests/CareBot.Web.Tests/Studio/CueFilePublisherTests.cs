using CareBot.Care.Studio;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;
using CareBot.Web.Studio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CareBot.Web.Tests.Studio;

/// <summary>The triage cue file published from the studio: versioned, written atomically, and live on every instance.</summary>
public sealed class CueFilePublisherTests : IDisposable
{
    private const string Message = "Could a flamingo look at my order please";
    private readonly string folder = Directory.CreateTempSubdirectory("carebot-cues-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Shipped() => File.ReadAllText(ShippedPath());

    private static string ShippedPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "dialogs", "settings", "triage.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("dialogs/settings/triage.yaml not found");
    }

    // The shipped file with one more "asks for a person" cue.
    private static string WithFlamingoCue() => Shipped().Replace(
        "  wantsHuman:\n    cues:\n",
        "  wantsHuman:\n    cues:\n      - reason: asks for a flamingo\n        patterns:\n          - '\\bflamingo\\b'\n",
        StringComparison.Ordinal);

    private static (CueFilePublisher Publisher, LiveTriageService Triage, StudioCueFile File) Instance(string path, IStudioStore store)
    {
        var file = new StudioCueFile(Options.Create(new TriageOptions { CuesPath = path }));
        var triage = new LiveTriageService(new VaderSentimentAnalyzer(), TriageCueLoader.LoadFile(path));
        return (new CueFilePublisher(file, triage, store, TimeProvider.System, NullLogger<CueFilePublisher>.Instance), triage, file);
    }

    private string CopyOfShipped(string name)
    {
        var path = Path.Combine(folder, name, "triage.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Shipped());
        return path;
    }

    [Fact]
    public async Task A_published_cue_changes_the_next_message_s_signals_and_is_written_and_recorded()
    {
        var store = new InMemoryStudioStore();
        var path = CopyOfShipped("a");
        var (publisher, triage, _) = Instance(path, store);
        Assert.False((await triage.TriageAsync(Message, CancellationToken.None)).WantsHuman.Detected);
        Assert.Contains("flamingo", WithFlamingoCue(), StringComparison.Ordinal);

        var result = await publisher.PublishAsync(WithFlamingoCue(), "ada", "flamingos want people", CancellationToken.None);

        Assert.True(result.Published, result.Problem);
        Assert.True((await triage.TriageAsync(Message, CancellationToken.None)).WantsHuman.Detected);
        Assert.Equal(WithFlamingoCue(), await File.ReadAllTextAsync(path));
        var history = await publisher.HistoryAsync(10, CancellationToken.None);
        Assert.Equal(["ada", CueFilePublisher.FilesAuthor], history.Select(h => h.Author));       // the text it replaced is kept
        Assert.Equal(CueFilePublisher.VersionOf(WithFlamingoCue()), history[0].Version);
        Assert.Contains(await store.ListAuditAsync(10, CancellationToken.None), a => a.Subject == CueFilePublisher.HistoryId && a.Actor == "ada");
    }

    [Fact]
    public async Task An_invalid_cue_file_is_not_published_and_nothing_changes()
    {
        var store = new InMemoryStudioStore();
        var path = CopyOfShipped("b");
        var (publisher, _, _) = Instance(path, store);
        var broken = WithFlamingoCue().Replace("'\\bflamingo\\b'", "'(flamingo'", StringComparison.Ordinal);

        var result = await publisher.PublishAsync(broken, "ada", "oops", CancellationToken.None);

        Assert.False(result.Published);
        Assert.Contains("problem", result.Problem, StringComparison.Ordinal);
        Assert.Equal(Shipped(), await File.ReadAllTextAsync(path));
        Assert.Empty(await publisher.HistoryAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Rolling_back_publishes_the_old_text_again_as_a_new_version()
    {
        var store = new InMemoryStudioStore();
        var path = CopyOfShipped("c");
        var (publisher, triage, _) = Instance(path, store);
        await publisher.PublishAsync(WithFlamingoCue(), "ada", "flamingos want people", CancellationToken.None);
        var original = (await publisher.HistoryAsync(10, CancellationToken.None))[^1];

        var result = await publisher.RollBackAsync(original.Number, "ada", "flamingos were a joke", CancellationToken.None);

        Assert.True(result.Published, result.Problem);
        Assert.Equal(PublicationKinds.RollBack, result.Publication!.Kind);
        Assert.False((await triage.TriageAsync(Message, CancellationToken.None)).WantsHuman.Detected);
        Assert.Equal(Shipped(), await File.ReadAllTextAsync(path));
        Assert.Equal(3, (await publisher.HistoryAsync(10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Another_instance_on_the_same_store_applies_the_published_cues_on_its_next_poll()
    {
        var store = new InMemoryStudioStore();
        var (publisher, _, _) = Instance(CopyOfShipped("one"), store);
        var otherPath = CopyOfShipped("two");
        File.SetLastWriteTimeUtc(otherPath, DateTime.UtcNow.AddHours(-1));
        var (other, otherTriage, _) = Instance(otherPath, store);
        Assert.False(await other.ApplyLatestAsync(CancellationToken.None));   // nothing published yet

        await publisher.PublishAsync(WithFlamingoCue(), "ada", "flamingos want people", CancellationToken.None);
        Assert.False((await otherTriage.TriageAsync(Message, CancellationToken.None)).WantsHuman.Detected);

        Assert.True(await other.ApplyLatestAsync(CancellationToken.None));
        Assert.True((await otherTriage.TriageAsync(Message, CancellationToken.None)).WantsHuman.Detected);
        Assert.Equal(WithFlamingoCue(), await File.ReadAllTextAsync(otherPath));
        Assert.False(await other.ApplyLatestAsync(CancellationToken.None));   // applied once
    }
}
