using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using CareBot.Protocol.Schema;

namespace CareBot.Protocol.Handoff;

/// <summary>
/// The hub's answer to a hand-off, read from a <see cref="HandoffEventNames.Status"/> event:
/// <c>{ "type": "event", "name": "handoff.status", "value": { "state": "accepted" | "failed" | "completed", "message"?: "…" } }</c>
/// (botbuilder EventFactory.CreateHandoffStatus, https://learn.microsoft.com/dotnet/api/microsoft.bot.builder.eventfactory.createhandoffstatus).
/// </summary>
/// <param name="State">One of <see cref="HandoffStates"/>.</param>
/// <param name="Message">The hub's optional explanation, e.g. why a hand-off failed.</param>
public sealed record HandoffStatus(string State, string? Message)
{
    /// <summary>
    /// Reads a hand-off status. False, never an exception, for anything else or anything malformed: another type or
    /// name, a value that is not an object, a missing, non-string or unknown <c>state</c>, or a <c>message</c> that is
    /// neither a string nor null. Property names are matched case-insensitively (wire names may arrive in other casings).
    /// </summary>
    public static bool TryRead(Activity activity, [NotNullWhen(true)] out HandoffStatus? status)
    {
        ArgumentNullException.ThrowIfNull(activity);
        status = null;
        if (activity.Type != ActivityTypes.Event
            || activity.Name != HandoffEventNames.Status
            || activity.Value is not { ValueKind: JsonValueKind.Object } value
            || Property(value, "state") is not { ValueKind: JsonValueKind.String } stateElement
            || stateElement.GetString() is not { } state
            || !HandoffStates.IsKnown(state))
        {
            return false;
        }

        string? message;
        switch (Property(value, "message"))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                message = null;
                break;
            case { ValueKind: JsonValueKind.String } messageElement:
                message = messageElement.GetString();
                break;
            default:
                return false;
        }

        status = new HandoffStatus(state, message);
        return true;
    }

    /// <summary>The property named <paramref name="name"/>, exact casing first, else any casing; null when absent.</summary>
    private static JsonElement? Property(JsonElement value, string name)
    {
        if (value.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
