using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using CareBot.Care.Agents;

namespace CareBot.Web.Console;

/// <summary>
/// Who has a case open in the console and who is typing a reply on it, so that two agents see each other before they
/// collide. Each open case page joins while it is open and leaves when it closes. With a relay (several instances on
/// one PostgreSQL) each instance also announces its own viewers of a case to the others whenever they change and
/// renews them every <see cref="Renewal"/>; another instance's viewers are forgotten when it says so, or three renewals
/// after it last said anything (it stopped or lost its connection).
/// </summary>
public sealed class CasePresence
{
    /// <summary>The default renewal interval (<c>Console:PresenceRenewal</c>).</summary>
    public static readonly TimeSpan DefaultRenewal = TimeSpan.FromSeconds(5);

    // One announcement names at most this many people, which keeps it well under the relay's message limit.
    private const int MaxAnnouncedViewers = 40;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, List<Visit>> _visits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Instance, string CaseId), RemoteViewers> _remote = new();
    private readonly Channel<string> _toAnnounce = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TimeProvider _time;

    /// <summary>Presence within this process only (no relay).</summary>
    public CasePresence()
        : this(null, TimeProvider.System, DefaultRenewal)
    {
    }

    /// <summary>Presence shared through <paramref name="relay"/> when there is one.</summary>
    public CasePresence(IAgentPresenceRelay? relay, TimeProvider time, TimeSpan renewal)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(renewal, TimeSpan.Zero);
        Relay = relay;
        _time = time;
        Renewal = renewal;
        relay?.Receive(OnAnnounced);
    }

    /// <summary>Raised with the case id whenever someone joins, leaves, starts or stops typing on it (here or elsewhere).</summary>
    public event Action<string>? Changed;

    /// <summary>Carries this instance's announcements to the others; null when presence stays in this process.</summary>
    public IAgentPresenceRelay? Relay { get; }

    /// <summary>How often this instance renews its viewers for the other instances.</summary>
    public TimeSpan Renewal { get; }

    /// <summary>This instance's name in its announcements (its own come back through the relay and are skipped).</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The cases whose viewers here changed since they were last announced (read by <see cref="CasePresenceRelaying"/>).</summary>
    internal ChannelReader<string> ToAnnounce => _toAnnounce.Reader;

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

        ChangedHere(caseId);
        return visit;
    }

    /// <summary>Everyone but <paramref name="user"/> viewing the case (one entry per person), typing if any of their pages is.</summary>
    public IReadOnlyList<CaseViewer> OthersOn(string caseId, string user)
    {
        var now = _time.GetUtcNow();
        var remote = _remote.Where(r => r.Key.CaseId == caseId && r.Value.ExpiresAt > now).SelectMany(r => r.Value.Viewers);
        return Here(caseId).Concat(remote)
            .Where(v => !string.Equals(v.User, user, StringComparison.Ordinal))
            .GroupBy(v => v.User, StringComparer.Ordinal)
            .Select(g => new CaseViewer(g.Key, g.Any(v => v.Typing)))
            .OrderBy(v => v.User, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The announcement of this instance's viewers of a case (an empty list says they all left).</summary>
    internal string Announcement(string caseId) =>
        JsonSerializer.Serialize(new PresenceAnnouncement(Instance, caseId, [.. Here(caseId).Take(MaxAnnouncedViewers)]), Json);

    /// <summary>The cases someone views on this instance (renewed for the others).</summary>
    internal IReadOnlyList<string> CasesViewedHere() => [.. _visits.Where(v => Here(v.Key).Count > 0).Select(v => v.Key)];

    /// <summary>Forgets other instances' viewers not renewed in time (that instance stopped or lost its connection).</summary>
    internal void ForgetExpired()
    {
        var now = _time.GetUtcNow();
        foreach (var (key, viewers) in _remote)
        {
            if (viewers.ExpiresAt <= now && _remote.TryRemove(new KeyValuePair<(string, string), RemoteViewers>(key, viewers)))
            {
                Changed?.Invoke(key.CaseId);
            }
        }
    }

    // This instance's viewers of a case, one entry per person.
    private List<CaseViewer> Here(string caseId)
    {
        if (!_visits.TryGetValue(caseId, out var visits))
        {
            return [];
        }

        lock (visits)
        {
            return visits
                .Where(v => !v.Away)
                .GroupBy(v => v.User, StringComparer.Ordinal)
                .Select(g => new CaseViewer(g.Key, g.Any(v => v.Typing)))
                .OrderBy(v => v.User, StringComparer.Ordinal)
                .ToList();
        }
    }

    // Another instance's viewers of a case. An empty message: the relay reconnected, so announce everything again.
    private void OnAnnounced(string message)
    {
        if (message.Length == 0)
        {
            foreach (var viewed in CasesViewedHere())
            {
                _toAnnounce.Writer.TryWrite(viewed);
            }

            return;
        }

        PresenceAnnouncement? announced;
        try
        {
            announced = JsonSerializer.Deserialize<PresenceAnnouncement>(message, Json);
        }
        catch (JsonException)
        {
            return; // not ours (another version's shape): presence is a hint, never worth failing the listener
        }

        if (announced is not { Instance: { Length: > 0 } instance, CaseId: { Length: > 0 } caseId, Viewers: { } viewers } || instance == Instance)
        {
            return;
        }

        var key = (instance, caseId);
        if (viewers.Count == 0)
        {
            _remote.TryRemove(key, out _);
        }
        else
        {
            var before = _remote.TryGetValue(key, out var known) ? known : null;
            _remote[key] = new RemoteViewers(viewers, _time.GetUtcNow() + (3 * Renewal));
            if (before is null && Here(caseId).Count > 0)
            {
                // That instance just started viewing the case: tell it who is here now rather than at the next renewal.
                _toAnnounce.Writer.TryWrite(caseId);
            }

            if (before is not null && before.Viewers.SequenceEqual(viewers))
            {
                return; // a renewal: nothing changed on the page
            }
        }

        Changed?.Invoke(caseId);
    }

    private void ChangedHere(string caseId)
    {
        Changed?.Invoke(caseId);
        if (Relay is not null)
        {
            _toAnnounce.Writer.TryWrite(caseId);
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

        ChangedHere(visit.CaseId);
    }


    private sealed record RemoteViewers(IReadOnlyList<CaseViewer> Viewers, DateTimeOffset ExpiresAt);

    /// <summary>One open case page.</summary>
    public sealed class Visit : IDisposable
    {
        private readonly CasePresence _presence;
        private bool _typing;
        private bool _away;
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

        /// <summary>Whether the page's connection is down (it is not counted as viewing until it is back).</summary>
        public bool Away => _away;

        /// <summary>Says whether this page has a reply in progress; others are told only when it changes.</summary>
        public void SetTyping(bool typing)
        {
            if (_typing != typing && !_left)
            {
                _typing = typing;
                _presence.ChangedHere(CaseId);
            }
        }

        /// <summary>
        /// Says whether the page's connection is down. A tab closed without a goodbye keeps its page alive on the server
        /// for minutes (in case it reconnects); meanwhile nobody is looking at the case, so others should not be told so.
        /// </summary>
        public void SetAway(bool away)
        {
            if (_away != away && !_left)
            {
                _away = away;
                _presence.ChangedHere(CaseId);
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
