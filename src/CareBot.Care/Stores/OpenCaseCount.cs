using CareBot.Care.Cases;

namespace CareBot.Care.Stores;

/// <summary>How many open cases share one queue, status and assignee (null: nobody claimed them).</summary>
public sealed record OpenCaseCount(string Queue, CaseStatus Status, string? Assignee, int Count);
