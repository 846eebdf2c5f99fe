namespace CareBot.Dialogs.Model;

/// <summary>What a lookup answers in a test step: found (with the captured values), not found, or failed.</summary>
public sealed record LookupStub(SourceLocation Location, LookupStatus Status, IReadOnlyDictionary<string, string> Values);
