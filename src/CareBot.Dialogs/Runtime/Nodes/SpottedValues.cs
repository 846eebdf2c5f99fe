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
    /// <paramref name="captures"/>. Returns the specs whose value was found (known or not), and the text without them.
    /// </summary>
    public static (IReadOnlyList<CaptureSpec> Found, string Remainder) Keep(IReadOnlyList<CaptureSpec> specs, string text, DialogState state, Dictionary<string, CapturedValue> captures)
    {
        var rest = text;
        var found = new List<CaptureSpec>();
        foreach (var spec in specs)
        {
            if (CaptureParser.TryFind(spec, text, out var value))
            {
                found.Add(spec);
                rest = rest.Replace(value.Text, " ", StringComparison.OrdinalIgnoreCase);
                if (!state.Captured.ContainsKey(spec.Name))
                {
                    captures.TryAdd(spec.Name, value);
                }
            }
        }

        return (found, rest);
    }
}
