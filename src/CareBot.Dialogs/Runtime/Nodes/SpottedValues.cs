using CareBot.Dialogs.Capture;
using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>
/// Picks the values a node's <c>spot:</c> names out of a message ("my email is sam@example.com" while venting, or in
/// answer to another question) and keeps those not captured yet, so nobody asks for them again.
/// </summary>
internal static class SpottedValues
{
    /// <summary>
    /// Adds each value found in <paramref name="text"/> and not yet in <paramref name="state"/> to
    /// <paramref name="captures"/>. Returns whether any was found, and the text without them.
    /// </summary>
    public static (bool Spotted, string Remainder) Keep(IReadOnlyList<CaptureSpec> specs, string text, DialogState state, Dictionary<string, CapturedValue> captures)
    {
        var rest = text;
        var spotted = false;
        foreach (var spec in specs)
        {
            if (CaptureParser.TryFind(spec, text, out var found))
            {
                spotted = true;
                rest = rest.Replace(found.Text, " ", StringComparison.OrdinalIgnoreCase);
                if (!state.Captured.ContainsKey(spec.Name))
                {
                    captures.TryAdd(spec.Name, found);
                }
            }
        }

        return (spotted, rest);
    }
}
