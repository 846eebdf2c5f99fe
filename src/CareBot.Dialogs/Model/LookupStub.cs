using CareBot.Dialogs.Runtime;

namespace CareBot.Dialogs.Model;

/// <summary>What a lookup answers in a test step: found (with the captured values), not found, or failed.</summary>
public sealed record LookupStub(SourceLocation Location, LookupStatus Status, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The stub as the answer the runtime receives.</summary>
    public LookupResult ToResult() => Status switch
    {
        LookupStatus.Found => LookupResult.Found(Values),
        LookupStatus.NotFound => LookupResult.NothingFound("stubbed: not found"),
        _ => LookupResult.Failed("stubbed: failed"),
    };
}
