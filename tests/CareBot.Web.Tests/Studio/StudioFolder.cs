using CareBot.Care.Bot;
using CareBot.Care.Studio;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Runtime;
using CareBot.Web.Studio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CareBot.Web.Tests.Studio;

/// <summary>A temporary dialogs folder with one small dialog (and its test), loaded into a registry, with the studio over it.</summary>
internal sealed class StudioFolder : IDisposable
{
    public const string Hello = """
        dialog: hello
        title: Hello
        start: greet
        nodes:
          - id: greet
            ask: "Hello! What is your name?"
            capture: name
            type: text
            next: bye
          - id: bye
            say: "Bye now."
            next: done
          - id: done
            end: true
        tests:
          - name: greets and says bye
            steps:
              - user: "hi"
                bot: ["Hello"]
              - user: "Sam"
                bot: ["Bye now"]
        """;

    private StudioFolder(string path, ScriptRegistry registry, IScriptPublishedListener[] listeners)
    {
        Path = path;
        Registry = registry;
        Store = new InMemoryStudioStore();
        Scripts = new StudioScripts(registry, Store, NoSignalsAnnotator.Instance, TimeProvider.System, Options.Create(Live));
        Publisher = new ScriptPublisher(
            registry, Scripts, Store, Options.Create(new CareBotOptions { DialogsPath = path }), listeners, TimeProvider.System, NullLogger<ScriptPublisher>.Instance);
    }

    public string Path { get; }

    public ScriptRegistry Registry { get; }

    /// <summary>The live settings conversations get (brand name, business hours); change them to see Try it follow.</summary>
    public CareBotOptions Live { get; } = new();

    public InMemoryStudioStore Store { get; }

    public StudioScripts Scripts { get; }

    public ScriptPublisher Publisher { get; }

    public string LiveVersion => Registry.CurrentVersions["hello"];

    public string FileText => File.ReadAllText(System.IO.Path.Combine(Path, "hello.yaml"));

    public static async Task<StudioFolder> CreateAsync(params IScriptPublishedListener[] listeners)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "carebot-studio-unit", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        await File.WriteAllTextAsync(System.IO.Path.Combine(path, "hello.yaml"), Hello);
        var registry = new ScriptRegistry();
        (await registry.LoadFolderAsync(path, CancellationToken.None)).EnsureValid();
        return new StudioFolder(path, registry, listeners);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
