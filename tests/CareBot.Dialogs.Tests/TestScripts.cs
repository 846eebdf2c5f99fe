using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.ScriptTests;
using CareBot.Dialogs.Validation;

namespace CareBot.Dialogs.Tests;

/// <summary>Builds script sets from inline YAML for tests.</summary>
internal static class TestScripts
{
    public static ScriptSetResult Check(string yaml, string file = "test.yaml") => ScriptLoader.LoadSources([(file, yaml)]);

    public static ScriptRegistry Registry(params (string File, string Yaml)[] files)
    {
        var registry = new ScriptRegistry();
        var result = registry.LoadSourcesAsync(files, CancellationToken.None).GetAwaiter().GetResult();
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Diagnostics));
        return registry;
    }

    public static ConversationDriver Driver(string yaml, bool isPublic = false)
    {
        var registry = Registry(("test.yaml", yaml));
        return new ConversationDriver(new DialogRuntime(registry), registry.Current.Keys.Single(), isPublic);
    }

    public static IReadOnlyList<string> Texts(this DriverTurn turn) => turn.Replies.Select(r => r.Text).ToList();

    public static IReadOnlyList<Diagnostic> Errors(string yaml) =>
        Check(yaml).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    /// <summary>The repository root, found by walking up to CareBot.sln.</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CareBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CareBot.sln not found above " + AppContext.BaseDirectory);
    }
}
