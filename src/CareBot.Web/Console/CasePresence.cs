using System.Collections.Concurrent;

namespace CareBot.Web.Console;

/// <summary>
/// Who has a case open in the console and who is typing a reply on it, so that two agents see each other before they
/// collide. Kept in this server's memory: each open case page joins while it is open and leaves when it closes.
/// </summary>
/// <remarks>With several instances behind a balancer, agents on different instances do not see each other yet.</remarks>
public sealed class CasePresence
{
    private readonly ConcurrentDictionary<string, List<Visit>> _visits = new(StringComparer.Ordinal);

    /// <summary>Raised with the case id whenever someone joins, leaves, starts or stops typing on it.</summary>
    public event Action<string>? Changed;

    /// <summary>Marks <paramref name="user"/> as viewing the case until the returned visit is disposed.</summary>
    public Visit Join(string caseId, string user)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var visit = new Visit(this, caseId, user);
        var visits = _visits.GetOrAdd(caseId, _ => []);
        lock (visits)
        {
            visits.Add(visit);
        }

        Changed?.Invoke(caseId);
        return visit;
    }

    /// <summary>Everyone but <paramref name="user"/> viewing the case (one entry per person), typing if any of their pages is.</summary>
    public IReadOnlyList<CaseViewer> OthersOn(string caseId, string user)
    {
        if (!_visits.TryGetValue(caseId, out var visits))
        {
            return [];
        }

        lock (visits)
        {
            return visits
                .Where(v => !string.Equals(v.User, user, StringComparison.Ordinal))
                .GroupBy(v => v.User, StringComparer.Ordinal)
                .Select(g => new CaseViewer(g.Key, g.Any(v => v.Typing)))
                .OrderBy(v => v.User, StringComparer.Ordinal)
                .ToList();
        }
    }

    private void Leave(Visit visit)
    {
        if (_visits.TryGetValue(visit.CaseId, out var visits))
        {
            lock (visits)
            {
                visits.Remove(visit);
            }
        }

        Changed?.Invoke(visit.CaseId);
    }

    private void Typed(Visit visit) => Changed?.Invoke(visit.CaseId);

    /// <summary>One open case page.</summary>
    public sealed class Visit : IDisposable
    {
        private readonly CasePresence _presence;
        private bool _typing;
        private bool _left;

        internal Visit(CasePresence presence, string caseId, string user)
        {
            _presence = presence;
            CaseId = caseId;
            User = user;
        }

        public string CaseId { get; }

        public string User { get; }

        public bool Typing => _typing;

        /// <summary>Says whether this page has a reply in progress; others are told only when it changes.</summary>
        public void SetTyping(bool typing)
        {
            if (_typing != typing && !_left)
            {
                _typing = typing;
                _presence.Typed(this);
            }
        }

        public void Dispose()
        {
            if (!_left)
            {
                _left = true;
                _presence.Leave(this);
            }
        }
    }
}
