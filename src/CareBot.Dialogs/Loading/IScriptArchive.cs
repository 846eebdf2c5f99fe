namespace CareBot.Dialogs.Loading;

/// <summary>
/// Keeps the source of every script version that went live, so conversations in flight keep their version across
/// restarts. Storage implements it durably; <see cref="InMemoryScriptArchive"/> serves tests and the CLI.
/// </summary>
public interface IScriptArchive
{
    /// <summary>Saves a version (idempotent: saving the same id and version twice is fine).</summary>
    Task SaveAsync(ArchivedScript script, CancellationToken cancellationToken);

    /// <summary>Loads a version, or null when it was never saved.</summary>
    Task<ArchivedScript?> LoadAsync(string scriptId, string version, CancellationToken cancellationToken);
}
