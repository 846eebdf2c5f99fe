using CareBot.Care.Cases;

namespace CareBot.Web.Console;

/// <summary>How many open cases one queue has in one status.</summary>
public sealed record BoardQueueCount(string Queue, CaseStatus Status, int Count);
