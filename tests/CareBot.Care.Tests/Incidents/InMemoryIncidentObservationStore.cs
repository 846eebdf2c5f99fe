using CareBot.Care.Incidents;

namespace CareBot.Care.Tests.Incidents;

/// <summary>The detector's window in a list, as the SQL stores keep it in a table: for the detector's unit tests.</summary>
internal sealed class InMemoryIncidentObservationStore : IIncidentObservationStore
{
    private readonly Lock gate = new();
    private readonly List<RecordedComplaint> complaints = [];
    private readonly List<(IReadOnlyList<string> Words, DateTimeOffset Until)> coolDowns = [];
    private long nextId;

    public int Stored
    {
        get
        {
            lock (gate)
            {
                return complaints.Count;
            }
        }
    }

    public Task<IncidentWindow> RecordAsync(ObservedComplaint post, DateTimeOffset horizon, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            complaints.Add(new RecordedComplaint(++nextId, post));
            complaints.RemoveAll(c => c.Post.Member.At < horizon);
            coolDowns.RemoveAll(c => c.Until <= post.Member.At);
            var similar = complaints.Where(c => KeyWords.Shared(c.Post.Words, post.Words) > 0).Reverse().Take(IncidentDetector.MaxRemembered).ToList();
            return Task.FromResult(new IncidentWindow(similar, [.. coolDowns.Select(c => c.Words)]));
        }
    }

    public Task<bool> ClaimAsync(IReadOnlyList<long> complaintIds, IReadOnlyList<string> topic, DateTimeOffset coolUntil, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!complaintIds.All(id => complaints.Any(c => c.Id == id)))
            {
                return Task.FromResult(false);
            }

            complaints.RemoveAll(c => complaintIds.Contains(c.Id));
            coolDowns.Add((topic, coolUntil));
            return Task.FromResult(true);
        }
    }

    public Task CoolDownAsync(IReadOnlyList<string> topic, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            coolDowns.Add((topic, until));
        }

        return Task.CompletedTask;
    }

    /// <summary>Takes complaints away as another instance's claim would.</summary>
    public void RemoveAll(Func<ObservedComplaint, bool> match)
    {
        lock (gate)
        {
            complaints.RemoveAll(c => match(c.Post));
        }
    }
}
