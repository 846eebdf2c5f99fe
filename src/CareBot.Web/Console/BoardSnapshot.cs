using CareBot.Care.Cases;

namespace CareBot.Web.Console;

/// <summary>What the supervisor board shows at one moment.</summary>
/// <param name="Queues">Open cases per queue and status.</param>
/// <param name="AtRisk">Open cases whose running SLA is breached or due within the window, earliest first (capped).</param>
/// <param name="Agents">Every account with the open cases assigned to it.</param>
/// <param name="Open">The open cases, most urgent first (what a supervisor picks from to reassign; capped).</param>
public sealed record BoardSnapshot(
    IReadOnlyList<BoardQueueCount> Queues,
    IReadOnlyList<CaseSummary> AtRisk,
    IReadOnlyList<BoardAgent> Agents,
    IReadOnlyList<CaseSummary> Open);
