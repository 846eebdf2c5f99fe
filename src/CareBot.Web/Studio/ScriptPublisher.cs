using CareBot.Care.Bot;
using CareBot.Care.Studio;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Web.Studio;

/// <summary>
/// The one way a dialog version goes live from the studio (publish and roll-back alike): the draft must be valid and
/// every script test must pass; then the file under the dialogs folder is replaced atomically (the folder stays the
/// source an admin may also keep in git), the registry loads the folder at once (new conversations get the version,
/// conversations in flight keep theirs, as with the file watcher), the version and its audit line are recorded, and
/// every <see cref="IScriptPublishedListener"/> is told.
/// </summary>
public sealed class ScriptPublisher(
    ScriptRegistry registry,
    StudioScripts scripts,
    IStudioStore store,
    IOptions<CareBotOptions> options,
    IEnumerable<IScriptPublishedListener> listeners,
    TimeProvider time,
    ILogger<ScriptPublisher> logger) : IDisposable
{
    /// <summary>The longest publish note.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>Who the versions found in the files (not published from the studio) are recorded as.</summary>
    public const string FilesAuthor = "files";

    // One publish at a time on this server: the base-version check and the write must not interleave.
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Publishes a draft.</summary>
    public async Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (NoteProblem(request.Note) is { } problem)
        {
            return PublishResult.Refused(problem);
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!registry.Current.TryGetValue(request.ScriptId, out var live))
            {
                return PublishResult.Refused($"There is no live dialog '{request.ScriptId}'.");
            }

            if (live.Version != request.BaseVersion && !request.Overwrite)
            {
                var latest = LatestOf(await store.ListPublicationsAsync(request.ScriptId, 1, cancellationToken).ConfigureAwait(false));
                var by = latest is not null && latest.Version == live.Version ? $" by {latest.Author} at {latest.PublishedAt:yyyy-MM-dd HH:mm} UTC" : " in the files";
                return new PublishResult(
                    null,
                    $"'{request.ScriptId}' was changed{by} after your draft was made (live is now {Abbreviate(live.Version)}, your draft is based on {Abbreviate(request.BaseVersion)}). " +
                    "Merge their change into your draft (compare in History), or tick \"Overwrite the newer live version\" to replace it.",
                    NeedsOverwrite: true);
            }

            return await GoLiveAsync(live, request.Source, request.Author, request.Note.Trim(), PublicationKinds.Publish, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Publishes an older recorded version again, as a new version (it must still be valid and pass the tests).</summary>
    public async Task<PublishResult> RollBackAsync(string scriptId, long number, string author, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        if (NoteProblem(note) is { } problem)
        {
            return PublishResult.Refused(problem);
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!registry.Current.TryGetValue(scriptId, out var live))
            {
                return PublishResult.Refused($"There is no live dialog '{scriptId}'.");
            }

            var history = await store.ListPublicationsAsync(scriptId, int.MaxValue, cancellationToken).ConfigureAwait(false);
            if (history.FirstOrDefault(p => p.Number == number) is not { } target)
            {
                return PublishResult.Refused($"'{scriptId}' has no recorded version #{number}.");
            }

            return await GoLiveAsync(live, target.Source, author, $"Roll back to #{number} ({Abbreviate(target.Version)}): {note.Trim()}", PublicationKinds.RollBack, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The first 8 characters of a version hash, as the studio shows it.</summary>
    public static string Abbreviate(string version) => version.Length > 8 ? version[..8] : version;

    public void Dispose() => gate.Dispose();

    /// <summary>The newest of a newest-first list, or null.</summary>
    public static ScriptPublication? LatestOf(IReadOnlyList<ScriptPublication> newestFirst) =>
        newestFirst is [var latest, ..] ? latest : null;

    private static string? NoteProblem(string? note) =>
        string.IsNullOrWhiteSpace(note) ? "Write a note saying what changed and why; it goes into the version history and the audit log."
        : note.Length > MaxNoteLength ? $"The note is {note.Length} characters long; keep it to {MaxNoteLength}."
        : null;

    private async Task<PublishResult> GoLiveAsync(DialogScript live, string source, string author, string note, string kind, CancellationToken cancellationToken)
    {
        var tests = await scripts.RunTestsAsync(live.Id, source, cancellationToken).ConfigureAwait(false);
        if (tests.Errors.Count > 0)
        {
            return PublishResult.Refused($"The script has {tests.Errors.Count} error(s); fix them first (see Problems).", tests);
        }

        if (!tests.Passed)
        {
            return PublishResult.Refused($"{tests.FailedCount} script test(s) fail; publishing needs every test to pass.", tests);
        }

        var draft = DraftScriptSet.Build(registry.Current, live.Id, source).Draft;
        if (draft is null || draft.Id != live.Id)
        {
            return PublishResult.Refused($"The script's 'dialog:' id must stay '{live.Id}'; to add a dialog, add a file to the dialogs folder.", tests);
        }

        if (draft.Version == live.Version)
        {
            return PublishResult.Refused($"This is exactly the live version of '{live.Id}'; there is nothing to publish.", tests);
        }

        // A version that went live through the files (or the first studio publish) gets a history entry, so that it
        // can be compared and rolled back to.
        await RecordFoundInFilesAsync(live, cancellationToken).ConfigureAwait(false);

        var folder = Path.GetFullPath(options.Value.DialogsPath);
        var path = Path.Combine(folder, Path.GetFileName(live.File));
        await WriteAtomicallyAsync(path, source, cancellationToken).ConfigureAwait(false);
        var loaded = await registry.LoadFolderAsync(folder, cancellationToken).ConfigureAwait(false);
        if (!loaded.IsValid || !registry.Current.TryGetValue(live.Id, out var now) || now.Version != draft.Version)
        {
            // Another file in the folder broke since (edited on disk): put the old text back, so disk and live agree.
            await WriteAtomicallyAsync(path, live.Source, cancellationToken).ConfigureAwait(false);
            return PublishResult.Refused(
                "The dialogs folder has other errors, so nothing went live: " + string.Join("; ", loaded.Errors.Take(3).Select(e => e.ToString())), tests);
        }

        var at = time.GetUtcNow();
        var publication = new ScriptPublication(live.Id, draft.Version, Path.GetFileName(live.File), source, author, at, note, kind);
        var verb = kind == PublicationKinds.RollBack ? "rolled back" : "published";
        var number = await store.AddPublicationAsync(
            publication, new AuditEntry(at, author, kind, live.Id, $"{verb} {live.Id} version {Abbreviate(draft.Version)} (was {Abbreviate(live.Version)}): {note}"), cancellationToken).ConfigureAwait(false);
        publication = publication with { Number = number };
        if (kind == PublicationKinds.Publish)
        {
            await store.DeleteDraftAsync(live.Id, author, cancellationToken).ConfigureAwait(false);
        }

        StudioLog.VersionPublished(logger, live.Id, draft.Version, live.Version, author, kind);
        foreach (var listener in listeners)
        {
            try
            {
                await listener.OnPublishedAsync(publication, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The version is live and recorded here; a listener's failure must not turn that into an error.
                StudioLog.ListenerFailed(logger, live.Id, draft.Version, ex);
            }
        }

        return new PublishResult(publication, null, false, tests);
    }

    private async Task RecordFoundInFilesAsync(DialogScript live, CancellationToken cancellationToken)
    {
        var latest = LatestOf(await store.ListPublicationsAsync(live.Id, 1, cancellationToken).ConfigureAwait(false));
        if (latest?.Version == live.Version)
        {
            return;
        }

        var at = time.GetUtcNow();
        const string Note = "as found in the dialogs folder (changed outside the studio)";
        await store.AddPublicationAsync(
            new ScriptPublication(live.Id, live.Version, Path.GetFileName(live.File), live.Source, FilesAuthor, at, Note, PublicationKinds.Publish),
            new AuditEntry(at, FilesAuthor, PublicationKinds.Publish, live.Id, $"found {live.Id} version {Abbreviate(live.Version)} in the dialogs folder"),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes beside the target and renames over it, so the watcher and readers see the old file or the new one, never
    /// half of it. The temporary name does not end in .yaml, so the watcher ignores it.
    /// </summary>
    internal static async Task WriteAtomicallyAsync(string path, string source, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.studio-tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                var bytes = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(source);
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
