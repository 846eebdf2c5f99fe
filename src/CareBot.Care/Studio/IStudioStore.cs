namespace CareBot.Care.Studio;

/// <summary>
/// What the admin studio keeps: drafts, the versions it published, and the audit log. The storage project implements
/// it on SQLite and PostgreSQL; <see cref="InMemoryStudioStore"/> serves tests.
/// </summary>
public interface IStudioStore
{
    /// <summary>Saves (creates or replaces) an admin's draft of a dialog.</summary>
    Task SaveDraftAsync(ScriptDraft draft, CancellationToken cancellationToken);

    /// <summary>Every admin's draft of a dialog, newest first.</summary>
    Task<IReadOnlyList<ScriptDraft>> ListDraftsAsync(string scriptId, CancellationToken cancellationToken);

    /// <summary>Removes an admin's draft (after publishing it, or when discarded); nothing happens when there is none.</summary>
    Task DeleteDraftAsync(string scriptId, string author, CancellationToken cancellationToken);

    /// <summary>Records a published version and its audit line together; returns the version's sequence number.</summary>
    Task<long> AddPublicationAsync(ScriptPublication publication, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>The versions of a dialog published from the studio, newest first.</summary>
    Task<IReadOnlyList<ScriptPublication>> ListPublicationsAsync(string scriptId, int limit, CancellationToken cancellationToken);

    /// <summary>Appends an audit line.</summary>
    Task AddAuditAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The newest audit lines, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int limit, CancellationToken cancellationToken);
}
