namespace CareBot.Dialogs.Runtime;

/// <summary>
/// Makes the calls of <c>lookup:</c> nodes. The dialog engine only defines it: the care host implements it over HTTP
/// with the configured integrations; script tests answer from the stubs in their steps.
/// </summary>
public interface ILookupClient
{
    /// <summary>Makes one lookup. Never throws for a failed call: a failure is a <see cref="LookupStatus.Failed"/> result.</summary>
    ValueTask<LookupResult> LookupAsync(LookupRequest request, CancellationToken cancellationToken);
}
