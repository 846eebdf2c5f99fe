using System.Security.Cryptography;
using System.Text;
using CareBot.Care.Studio;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using Microsoft.Extensions.Logging;

namespace CareBot.Web.Studio;

/// <summary>
/// Publishes the triage cue file from the studio, versioned like the dialogs: only a valid file goes live; it is written
/// atomically to the cue file path (so a restart reads it), the running triage switches to it at once, and the version
/// (author, note, content hash, whole text) and its audit line are recorded in the studio store under
/// <see cref="HistoryId"/>. Other instances apply a newer recorded version on their next poll
/// (<see cref="ApplyLatestAsync"/>, from <see cref="CueFileRefresher"/>).
/// </summary>
public sealed class CueFilePublisher(StudioCueFile file, LiveTriageService triage, IStudioStore store, TimeProvider time, ILogger<CueFilePublisher> logger)
    : IDisposable
{
    /// <summary>The cue file's id in the studio's version history; a colon keeps it apart from every dialog id.</summary>
    public const string HistoryId = "cues:triage";

    /// <summary>Who the text found in the file (not published from the studio) is recorded as.</summary>
    public const string FilesAuthor = "files";

    // One publish or apply at a time on this server: the write, the swap and the record must not interleave.
    private readonly SemaphoreSlim gate = new(1, 1);
    private long appliedNumber = -1;

    /// <summary>The recorded versions, newest first.</summary>
    public Task<IReadOnlyList<ScriptPublication>> HistoryAsync(int limit, CancellationToken cancellationToken) =>
        store.ListPublicationsAsync(HistoryId, limit, cancellationToken);

    /// <summary>The content hash the history records for a text.</summary>
    public static string VersionOf(string source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source ?? throw new ArgumentNullException(nameof(source)))));

    /// <summary>Publishes a draft of the cue file; refused (nothing changes) when it has problems or no note.</summary>
    public async Task<PublishResult> PublishAsync(string source, string author, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await GoLiveAsync(source, author, note, PublicationKinds.Publish, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Publishes a recorded version again, as a new version.</summary>
    public async Task<PublishResult> RollBackAsync(long number, string author, string note, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var history = await store.ListPublicationsAsync(HistoryId, int.MaxValue, cancellationToken).ConfigureAwait(false);
            if (history.FirstOrDefault(p => p.Number == number) is not { } target)
            {
                return PublishResult.Refused($"The cue file has no recorded version #{number}.");
            }

            var reason = string.IsNullOrWhiteSpace(note) ? note : $"Roll back to #{number} ({ScriptPublisher.Abbreviate(target.Version)}): {note.Trim()}";
            return await GoLiveAsync(target.Source, author, reason, PublicationKinds.RollBack, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Applies the newest recorded version when it is newer than what this instance applied (published on another
    /// instance); true when the cues changed. The first call at start keeps a file edited after that version.
    /// </summary>
    public async Task<bool> ApplyLatestAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var latest = ScriptPublisher.LatestOf(await store.ListPublicationsAsync(HistoryId, 1, cancellationToken).ConfigureAwait(false));
            if (latest is null || latest.Number <= appliedNumber)
            {
                return false;
            }

            var starting = appliedNumber < 0;
            appliedNumber = latest.Number;
            var onDisk = await file.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (onDisk is not null && VersionOf(onDisk) == latest.Version)
            {
                return false;
            }

            if (starting && onDisk is not null && File.GetLastWriteTimeUtc(file.FullPath) > latest.PublishedAt.UtcDateTime)
            {
                CueFileLog.FileNewer(logger, latest.Number);
                return false;
            }

            var cues = TriageCueLoader.Parse(latest.Source, file.FileName);
            await ScriptPublisher.WriteAtomicallyAsync(file.FullPath, latest.Source, cancellationToken).ConfigureAwait(false);
            triage.Replace(cues with { Source = file.FullPath });
            CueFileLog.Applied(logger, latest.Version, latest.Number);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task<PublishResult> GoLiveAsync(string source, string author, string note, string kind, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return PublishResult.Refused("Write a note saying what changed and why; it goes into the version history and the audit log.");
        }

        if (note.Length > ScriptPublisher.MaxNoteLength)
        {
            return PublishResult.Refused($"The note is {note.Length} characters long; keep it to {ScriptPublisher.MaxNoteLength}.");
        }

        var problems = file.Validate(source);
        if (problems.Count > 0)
        {
            return PublishResult.Refused($"The cue file has {problems.Count} problem(s); fix them first (see Problems): {problems[0].Message}");
        }

        var onDisk = await file.ReadAsync(cancellationToken).ConfigureAwait(false);
        var version = VersionOf(source);
        if (onDisk is not null && VersionOf(onDisk) == version)
        {
            return PublishResult.Refused("This is exactly the live cue file; there is nothing to publish.");
        }

        var at = time.GetUtcNow();
        var latest = ScriptPublisher.LatestOf(await store.ListPublicationsAsync(HistoryId, 1, cancellationToken).ConfigureAwait(false));
        if (onDisk is not null && latest?.Version != VersionOf(onDisk))
        {
            // The text that was live (edited on disk, or never published) gets a version, so it can be compared and rolled back to.
            await store.AddPublicationAsync(
                new ScriptPublication(HistoryId, VersionOf(onDisk), file.FileName, onDisk, FilesAuthor, at, "as found in the cue file (changed outside the studio)", PublicationKinds.Publish),
                new AuditEntry(at, FilesAuthor, PublicationKinds.Publish, HistoryId, $"found the cue file version {ScriptPublisher.Abbreviate(VersionOf(onDisk))} on disk"),
                cancellationToken).ConfigureAwait(false);
        }

        var cues = TriageCueLoader.Parse(source, file.FileName) with { Source = file.FullPath };
        Directory.CreateDirectory(Path.GetDirectoryName(file.FullPath)!);
        await ScriptPublisher.WriteAtomicallyAsync(file.FullPath, source, cancellationToken).ConfigureAwait(false);
        triage.Replace(cues);

        var verb = kind == PublicationKinds.RollBack ? "rolled back" : "published";
        var publication = new ScriptPublication(HistoryId, version, file.FileName, source, author, at, note.Trim(), kind);
        var number = await store.AddPublicationAsync(
            publication,
            new AuditEntry(at, author, kind, HistoryId, $"{verb} the triage cue file version {ScriptPublisher.Abbreviate(version)}: {note.Trim()}"),
            cancellationToken).ConfigureAwait(false);
        appliedNumber = number;
        CueFileLog.Published(logger, version, kind, author);
        return new PublishResult(publication with { Number = number }, null);
    }
}
