using System.Collections.Concurrent;

namespace CareBot.Dialogs.Loading;

/// <summary>An archive in memory: for tests, the CLI, and hosts without storage.</summary>
public sealed class InMemoryScriptArchive : IScriptArchive
{
    private readonly ConcurrentDictionary<(string, string), ArchivedScript> scripts = new();

    /// <inheritdoc />
    public Task SaveAsync(ArchivedScript script, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(script);
        scripts.TryAdd((script.ScriptId, script.Version), script);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ArchivedScript?> LoadAsync(string scriptId, string version, CancellationToken cancellationToken) =>
        Task.FromResult(scripts.GetValueOrDefault((scriptId, version)));
}
