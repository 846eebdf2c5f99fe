namespace CareBot.Care.Agents;

/// <summary>How an agent's action on a case went (the API maps them to 200, 404, 403 and 409).</summary>
public enum AgentActionOutcome
{
    Done,
    NotFound,
    Forbidden,
    Conflict,
}
