using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Model;

namespace CareBot.Web.Studio;

/// <summary>
/// The live script set with one dialog's source replaced by a draft: what validation, tests and "Try it" run against.
/// Built in memory only; nothing of it is live or archived.
/// </summary>
internal sealed class DraftScriptSet
{
    private DraftScriptSet(string scriptId, string file, ScriptSetResult result)
    {
        ScriptId = scriptId;
        File = file;
        Result = result;
    }

    public string ScriptId { get; }

    /// <summary>The draft's file name as diagnostics name it (the live file's).</summary>
    public string File { get; }

    public ScriptSetResult Result { get; }

    /// <summary>The draft's own script, when it parsed.</summary>
    public DialogScript? Draft => Result.Scripts.FirstOrDefault(s => s.File == File);

    /// <summary>Builds the set from the live scripts, with <paramref name="source"/> in place of <paramref name="scriptId"/>'s.</summary>
    public static DraftScriptSet Build(IReadOnlyDictionary<string, DialogScript> live, string scriptId, string source)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(scriptId);
        ArgumentNullException.ThrowIfNull(source);
        var file = live.TryGetValue(scriptId, out var current) ? current.File : scriptId + ".yaml";
        var sources = live.Values.Where(s => s.Id != scriptId).Select(s => (s.File, s.Source)).Append((file, source)).ToList();
        return new DraftScriptSet(scriptId, file, ScriptLoader.LoadSources(sources));
    }

    /// <summary>A registry of its own holding this set (in memory), for the runtime; null when the set has errors.</summary>
    public async Task<ScriptRegistry?> ToRegistryAsync(CancellationToken cancellationToken)
    {
        if (!Result.IsValid)
        {
            return null;
        }

        var registry = new ScriptRegistry();
        await registry.LoadSourcesAsync(Result.Scripts.Select(s => (s.File, s.Source)), cancellationToken).ConfigureAwait(false);
        return registry;
    }
}
