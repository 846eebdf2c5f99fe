namespace CareBot.Web.Console;

/// <summary>
/// The case-page visits of one browser connection (one Blazor circuit; registered scoped), so that
/// <see cref="PresenceCircuitHandler"/> can mark them away while the connection is down and back when it returns.
/// </summary>
public sealed class CircuitVisits
{
    private readonly List<CasePresence.Visit> _visits = [];
    private bool _down;

    /// <summary>Adds a visit of this circuit until it is removed (away at once if the connection is already down).</summary>
    public void Add(CasePresence.Visit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        bool down;
        lock (_visits)
        {
            _visits.Add(visit);
            down = _down;
        }

        visit.SetAway(down);
    }

    public void Remove(CasePresence.Visit visit)
    {
        lock (_visits)
        {
            _visits.Remove(visit);
        }
    }

    /// <summary>Marks every visit of this circuit away (connection down) or back (connection up).</summary>
    public void SetConnected(bool connected)
    {
        List<CasePresence.Visit> visits;
        lock (_visits)
        {
            _down = !connected;
            visits = [.. _visits];
        }

        foreach (var visit in visits)
        {
            visit.SetAway(!connected);
        }
    }
}
