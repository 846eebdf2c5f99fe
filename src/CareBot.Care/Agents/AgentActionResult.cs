using CareBot.Care.Cases;
using CareBot.Care.Stores;

namespace CareBot.Care.Agents;

/// <summary>The outcome of an agent's action, the case as stored afterwards, the events it raised and, when refused, why.</summary>
public sealed record AgentActionResult(AgentActionOutcome Outcome, CaseRecord? Case, IReadOnlyList<CaseEvent> Events, string? Problem)
{
    public static AgentActionResult NotFound { get; } = new(AgentActionOutcome.NotFound, null, [], null);
}
