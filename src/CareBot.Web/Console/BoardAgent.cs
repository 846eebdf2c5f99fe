using CareBot.Care.Agents;
using CareBot.Care.Cases;

namespace CareBot.Web.Console;

/// <summary>An account on the supervisor board and the open cases it has claimed.</summary>
public sealed record BoardAgent(AgentAccount Account, IReadOnlyList<Case> Cases);
