using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime;

/// <summary>The answer to a <see cref="LookupRequest"/>, fed back to the runtime in <see cref="TurnInput.Lookups"/>.</summary>
/// <param name="Status">Found, not found or failed.</param>
/// <param name="Values">When found: capture name → the response field's text.</param>
/// <param name="Detail">Why it was not found or failed, for logs and the test transcript (never said to the customer).</param>
public sealed record LookupResult(LookupStatus Status, IReadOnlyDictionary<string, string> Values, string? Detail = null)
{
    /// <summary>Found, with these values.</summary>
    public static LookupResult Found(IReadOnlyDictionary<string, string> values) => new(LookupStatus.Found, values);

    /// <summary>The API has no such thing.</summary>
    public static LookupResult NothingFound(string detail) => new(LookupStatus.NotFound, new Dictionary<string, string>(), detail);

    /// <summary>The lookup could not be made or answered.</summary>
    public static LookupResult Failed(string detail) => new(LookupStatus.Failed, new Dictionary<string, string>(), detail);
}
