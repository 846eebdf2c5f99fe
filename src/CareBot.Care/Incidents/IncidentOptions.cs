namespace CareBot.Care.Incidents;

/// <summary>
/// Section <c>Incidents</c>: when a spike of similar public complaints becomes an incident.
/// <code>
/// "Incidents": { "Enabled": true, "Window": "00:10:00", "BaselineWindows": 6, "Sensitivity": 3.0, "MinimumPosts": 20,
///                "SharedKeyWords": 2, "NegativeShare": 0.6, "CoolDown": "00:30:00", "AttachCases": true }
/// </code>
/// </summary>
public sealed class IncidentOptions
{
    public const string SectionName = "Incidents";

    /// <summary>Whether public complaints are watched at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The window complaints are counted in. Default 10 min.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many windows before the current one make the baseline (their average count). Default 6.</summary>
    public int BaselineWindows { get; set; } = 6;

    /// <summary>A spike is at least this many times the baseline. Default 3.</summary>
    public double Sensitivity { get; set; } = 3.0;

    /// <summary>And at least this many posts from different customers in the window. Default 20.</summary>
    public int MinimumPosts { get; set; } = 20;

    /// <summary>Posts are similar when they share at least this many key words. Default 2.</summary>
    public int SharedKeyWords { get; set; } = 2;

    /// <summary>The share of negative posts (VADER compound below −0.05) the group needs. Default 0.6.</summary>
    public double NegativeShare { get; set; } = 0.6;

    /// <summary>After an incident on a topic opens or resolves, how long before another may open on it. Default 30 min.</summary>
    public TimeSpan CoolDown { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Whether matching complaints are attached to the open incident instead of each paging an agent. Default true.</summary>
    public bool AttachCases { get; set; } = true;

    /// <summary>
    /// Agents (by their <c>Agents:ApiKeys</c> name) whose API key may set the known-issue public reply, as supervisor
    /// keys. Default none: only a supervisor or admin signed in to the console may (keys carry no role).
    /// </summary>
    public IReadOnlyList<string> KnownReplyAgents { get; set; } = [];
}
