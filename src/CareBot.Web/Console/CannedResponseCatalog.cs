using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CareBot.Web.Console;

/// <summary>
/// The canned responses the reply box offers now: the list saved at <c>/agent/canned</c> when there is one — it
/// REPLACES <c>Console:CannedResponses</c> entirely, even when shorter or empty — otherwise the configured list.
/// </summary>
/// <remarks>
/// Not a configuration key: configuration layering merges lists index by index, so a saved list of two over a
/// configured list of five would still offer the last three. <see cref="Studio.LiveSettings"/> calls <see cref="Apply"/>
/// with the saved section whenever it reloads (at start, after a save, on each poll).
/// </remarks>
public sealed class CannedResponseCatalog(IOptionsMonitor<ConsoleOptions> configured)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private volatile IReadOnlyList<CannedResponse>? saved;

    /// <summary>The responses in the order they are offered.</summary>
    public IReadOnlyList<CannedResponse> Current => saved ?? configured.CurrentValue.CannedResponses;

    /// <summary>True when a saved list replaces the configured one.</summary>
    public bool IsSaved => saved is not null;

    /// <summary>Uses the saved section's JSON (<c>{"Items":[...]}</c>), or the configured list again when null.</summary>
    public void Apply(string? savedJson) => saved = savedJson is null ? null : Parse(savedJson).Items.AsReadOnly();

    /// <summary>A saved section's JSON as settings; malformed JSON reads as an empty list (a save never stores it).</summary>
    public static CannedResponseSettings Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<CannedResponseSettings>(json, Json) ?? new CannedResponseSettings();
        }
        catch (JsonException)
        {
            return new CannedResponseSettings();
        }
    }
}
