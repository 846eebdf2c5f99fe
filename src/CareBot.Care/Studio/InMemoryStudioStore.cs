namespace CareBot.Care.Studio;

/// <summary>The studio store in memory, for tests and hosts without storage.</summary>
public sealed class InMemoryStudioStore : IStudioStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string ScriptId, string Author), ScriptDraft> drafts = [];
    private readonly List<ScriptPublication> publications = [];
    private readonly List<AuditEntry> audit = [];

    public Task SaveDraftAsync(ScriptDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        lock (gate)
        {
            drafts[(draft.ScriptId, draft.Author)] = draft;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ScriptDraft>> ListDraftsAsync(string scriptId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<ScriptDraft>>(
                [.. drafts.Values.Where(d => d.ScriptId == scriptId).OrderByDescending(d => d.UpdatedAt)]);
        }
    }

    public Task DeleteDraftAsync(string scriptId, string author, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            drafts.Remove((scriptId, author));
        }

        return Task.CompletedTask;
    }

    public Task<long> AddPublicationAsync(ScriptPublication publication, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(audit);
        lock (gate)
        {
            var number = publications.Count + 1L;
            publications.Add(publication with { Number = number });
            this.audit.Add(audit);
            return Task.FromResult(number);
        }
    }

    public Task<IReadOnlyList<ScriptPublication>> ListPublicationsAsync(string scriptId, int limit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<ScriptPublication>>(
                [.. publications.Where(p => p.ScriptId == scriptId).OrderByDescending(p => p.Number).Take(limit)]);
        }
    }

    public Task AddAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            audit.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int limit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>([.. Enumerable.Reverse(audit).Take(limit)]);
        }
    }
}
