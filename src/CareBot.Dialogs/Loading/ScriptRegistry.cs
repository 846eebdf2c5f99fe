using System.Collections.Concurrent;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareBot.Dialogs.Loading;

/// <summary>
/// The live scripts and every version seen. Only a valid set goes live (an invalid one is refused, logged, and the
/// previous set stays); old versions remain available so conversations in flight keep theirs, and are archived so
/// they survive restarts.
/// </summary>
public sealed class ScriptRegistry : IScriptResolver
{
    private readonly IScriptArchive archive;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<(string Id, string Version), DialogScript> versions = new();
    private long generation;
    private long publishedGeneration;
    private volatile Snapshot current = new(new Dictionary<string, DialogScript>(), new Dictionary<string, string>());

    /// <summary>Creates a registry that archives to <paramref name="archive"/>.</summary>
    public ScriptRegistry(IScriptArchive archive, ILogger<ScriptRegistry>? logger = null)
    {
        this.archive = archive ?? throw new ArgumentNullException(nameof(archive));
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Creates a registry with an in-memory archive (CLI, tests).</summary>
    public ScriptRegistry()
        : this(new InMemoryScriptArchive())
    {
    }

    /// <summary>The live scripts by dialog id.</summary>
    public IReadOnlyDictionary<string, DialogScript> Current => current.Scripts;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> CurrentVersions => current.Versions;

    /// <inheritdoc />
    public DialogScript? Find(string id, string version) => versions.GetValueOrDefault((id, version));

    /// <summary>Loads, validates and (when valid) publishes the top-level scripts of a folder.</summary>
    public Task<ScriptSetResult> LoadFolderAsync(string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return PublishAsync(ScriptLoader.LoadFiles(ScriptLoader.FindFiles([folder])), folder, cancellationToken);
    }

    /// <summary>Loads, validates and (when valid) publishes script files; a missing or unreadable file is a diagnostic.</summary>
    public Task<ScriptSetResult> LoadFilesAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        return PublishAsync(ScriptLoader.LoadFiles(files), string.Join(", ", files), cancellationToken);
    }

    /// <summary>Validates and (when valid) publishes sources given as (file name, text), e.g. from an admin editor.</summary>
    public Task<ScriptSetResult> LoadSourcesAsync(IEnumerable<(string File, string Source)> sources, CancellationToken cancellationToken) =>
        PublishAsync(ScriptLoader.LoadSources(sources), "(sources)", cancellationToken);

    /// <summary>
    /// Makes sure every script version a state is pinned to is in memory, restoring it from the archive after a
    /// restart. Call it before <see cref="DialogRuntime.Step"/> when the state was loaded from storage.
    /// </summary>
    public Task EnsureAvailableAsync(DialogState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);

        // Every turn calls this, and nearly always every pinned version is in memory: check without allocating.
        foreach (var (id, version) in state.Versions)
        {
            if (Find(id, version) is null)
            {
                return RestoreMissingAsync(state, cancellationToken);
            }
        }

        for (var i = 0; i < state.Stack.Count; i++)
        {
            if (Find(state.Stack[i].ScriptId, state.Stack[i].Version) is null)
            {
                return RestoreMissingAsync(state, cancellationToken);
            }
        }

        return Task.CompletedTask;
    }

    private async Task RestoreMissingAsync(DialogState state, CancellationToken cancellationToken)
    {
        var needed = state.Versions.Select(kv => (kv.Key, kv.Value)).Concat(state.Stack.Select(f => (f.ScriptId, f.Version))).Distinct();
        foreach (var (id, version) in needed)
        {
            // When it can't be restored, the runtime names what is missing if the turn needs it.
            await RestoreAsync(id, version, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The version, from memory or else restored from the archive; null when the archive lacks it.</summary>
    private async Task<DialogScript?> RestoreAsync(string id, string version, CancellationToken cancellationToken)
    {
        if (Find(id, version) is { } known)
        {
            return known;
        }

        var archived = await archive.LoadAsync(id, version, cancellationToken).ConfigureAwait(false);
        if (archived is null)
        {
            return null;
        }

        // It was valid when it went live; parsing again rebuilds the model (no set-level validation needed).
        var (script, _) = ScriptParser.Parse(archived.File, archived.Source);
        if (script is null || script.Version != version)
        {
            return null;
        }

        versions.TryAdd((id, version), script);
        Log.VersionRestored(logger, id, version);
        return script;
    }

    /// <summary>
    /// Raised after a valid set went live through this registry's own loading (folder, watcher, sources), with the live
    /// version of each dialog; not for <see cref="GoLiveAsync"/>. Several processes sharing an archive use it to tell
    /// each other. Handlers must return at once and never throw.
    /// </summary>
    public event Action<IReadOnlyDictionary<string, string>>? Published;

    /// <summary>
    /// Makes exactly these versions (dialog id → version) the live set, restoring them from the archive; another
    /// process published them. False, and nothing changes, when one of them cannot be restored.
    /// </summary>
    public async Task<bool> GoLiveAsync(IReadOnlyDictionary<string, string> liveVersions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(liveVersions);
        var mine = Interlocked.Increment(ref generation);
        var scripts = new Dictionary<string, DialogScript>(StringComparer.Ordinal);
        foreach (var (id, version) in liveVersions)
        {
            if (await RestoreAsync(id, version, cancellationToken).ConfigureAwait(false) is not { } script)
            {
                return false;
            }

            scripts[id] = script;
        }

        lock (versions)
        {
            if (mine > publishedGeneration)
            {
                publishedGeneration = mine;
                current = new Snapshot(scripts, scripts.ToDictionary(kv => kv.Key, kv => kv.Value.Version, StringComparer.Ordinal));
            }
        }

        return true;
    }

    /// <summary>Watches a folder and reloads it on change (debounced); see <see cref="ScriptFolderWatcher"/>.</summary>
    public ScriptFolderWatcher Watch(string folder, TimeSpan debounce, TimeProvider? timeProvider = null) =>
        new(this, folder, debounce, timeProvider ?? TimeProvider.System, logger);

    internal async Task<ScriptSetResult> PublishAsync(ScriptSetResult result, string folder, CancellationToken cancellationToken)
    {
        foreach (var warning in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning))
        {
            Log.ScriptWarning(logger, warning.ToString());
        }

        if (!result.IsValid)
        {
            Log.ReloadRefused(logger, folder, result.Errors.Count());
            foreach (var error in result.Errors)
            {
                Log.ScriptError(logger, error.ToString());
            }

            return result;
        }

        // Reloads may overlap (a watcher and an admin): the newest load wins, an older one never overwrites it.
        var mine = Interlocked.Increment(ref generation);
        foreach (var script in result.Scripts)
        {
            // Archive first: a version must never be live without being restorable.
            await archive.SaveAsync(new ArchivedScript(script.Id, script.Version, script.File, script.Source), cancellationToken).ConfigureAwait(false);
            versions.TryAdd((script.Id, script.Version), script);
        }

        var scripts = result.Scripts.ToDictionary(s => s.Id, StringComparer.Ordinal);
        lock (versions)
        {
            if (mine > publishedGeneration)
            {
                publishedGeneration = mine;
                current = new Snapshot(scripts, scripts.ToDictionary(kv => kv.Key, kv => kv.Value.Version, StringComparer.Ordinal));
            }
        }

        var summary = string.Join(", ", scripts.Values.Select(s => $"{s.Id}@{s.Version}"));
        Log.ScriptsLoaded(logger, scripts.Count, folder, summary);
        Published?.Invoke(scripts.ToDictionary(kv => kv.Key, kv => kv.Value.Version, StringComparer.Ordinal));

        return result;
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, DialogScript> Scripts, IReadOnlyDictionary<string, string> Versions);
}
