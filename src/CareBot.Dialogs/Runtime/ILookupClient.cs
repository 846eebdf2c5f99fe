namespace CareBot.Dialogs.Runtime;

/// <summary>
/// Makes the calls of <c>lookup:</c> nodes. The dialog engine only defines it: the care host implements it over HTTP
/// with the configured integrations; script tests answer from the stubs in their steps.
/// </summary>
public interface ILookupClient
{
    /// <summary>
    /// The integrations it can call (names under <c>Integrations:</c>, case-insensitive): the host passes them with each
    /// turn so that <c>integration:</c> conditions can tell a script what it may look up before it asks.
    /// </summary>
    IReadOnlySet<string> Integrations { get; }

    /// <summary>Makes one lookup. Never throws for a failed call: a failure is a <see cref="LookupStatus.Failed"/> result.</summary>
    ValueTask<LookupResult> LookupAsync(LookupRequest request, CancellationToken cancellationToken);
}
