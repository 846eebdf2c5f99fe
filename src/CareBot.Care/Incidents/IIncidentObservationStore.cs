namespace CareBot.Care.Incidents;

/// <summary>
/// The recent public complaints the <see cref="IncidentDetector"/> windows over, and the topics cooling down after an
/// incident, in one table every instance on the database shares: complaints spread over several instances count
/// together, and only one instance opens the incident.
/// </summary>
public interface IIncidentObservationStore
{
    /// <summary>
    /// Stores <paramref name="post"/>, forgets complaints older than <paramref name="horizon"/> and cool-downs over at the
    /// post's time, and returns the stored complaints since <paramref name="horizon"/> that share at least one key word
    /// with it (the post included; at most <see cref="IncidentDetector.MaxRemembered"/>, newest first) and the topics
    /// still cooling down.
    /// </summary>
    Task<IncidentWindow> RecordAsync(ObservedComplaint post, DateTimeOffset horizon, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a spike for one incident: in one transaction removes the group's complaints and starts a cool-down on
    /// <paramref name="topic"/> until <paramref name="coolUntil"/>, but only when every complaint of the group is still
    /// stored; otherwise changes nothing and returns false (another instance claimed an overlapping group first).
    /// </summary>
    Task<bool> ClaimAsync(IReadOnlyList<long> complaintIds, IReadOnlyList<string> topic, DateTimeOffset coolUntil, CancellationToken cancellationToken);

    /// <summary>Starts a cool-down on <paramref name="topic"/> until <paramref name="until"/> (an incident on it was resolved).</summary>
    Task CoolDownAsync(IReadOnlyList<string> topic, DateTimeOffset until, CancellationToken cancellationToken);
}
