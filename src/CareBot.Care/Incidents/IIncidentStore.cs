namespace CareBot.Care.Incidents;

/// <summary>Incidents as versioned JSON documents.</summary>
public interface IIncidentStore
{
    /// <summary>Incidents newest first, optionally only those in <paramref name="status"/>; at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<(Incident Incident, long Version)>> ListAsync(IncidentStatus? status, int limit, CancellationToken cancellationToken);

    Task<(Incident Incident, long Version)?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Stores an incident (<paramref name="expectedVersion"/> 0: a new one) together with the outbox messages the change
    /// sends, in one transaction; returns the new version. Throws <see cref="IncidentConflictException"/> and stores
    /// nothing when the stored version differs.
    /// </summary>
    Task<long> SaveAsync(Incident incident, long expectedVersion, IReadOnlyList<Stores.NewOutboxMessage> outbox, CancellationToken cancellationToken);
}
