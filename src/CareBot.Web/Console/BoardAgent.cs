using CareBot.Care.Agents;
using CareBot.Care.Cases;

namespace CareBot.Web.Console;

/// <summary>An account on the supervisor board: how many open cases it has claimed, and the most urgent of them.</summary>
/// <param name="Account">The console account.</param>
/// <param name="Count">Its open cases, counted in the database.</param>
/// <param name="Cases">Its open cases, earliest SLA due first, at most <see cref="ConsoleBoard.MaxPerAgent"/>.</param>
public sealed record BoardAgent(AgentAccount Account, int Count, IReadOnlyList<CaseSummary> Cases);
