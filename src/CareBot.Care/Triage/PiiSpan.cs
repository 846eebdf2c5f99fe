namespace CareBot.Care.Triage;

/// <summary>Where personal data sits in a text; <see cref="Start"/> and <see cref="Length"/> count UTF-16 code units.</summary>
public sealed record PiiSpan(PiiKind Kind, int Start, int Length);
