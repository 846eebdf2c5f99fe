namespace CareBot.Care.Cases;

/// <summary>
/// Something that happened to a case, named with a dotted name from <see cref="CaseEventNames"/>. Returned by every
/// transition of <see cref="Case"/>; the caller raises it (STYLE 11: explicitly, never from a persistence callback).
/// </summary>
public sealed record CaseEvent(string Name, string CaseId, DateTimeOffset At, string? Detail = null);
