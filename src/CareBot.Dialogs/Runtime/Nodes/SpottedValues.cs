using System.Text.RegularExpressions;
using CareBot.Dialogs.Capture;
using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>
/// Picks the values a node's <c>spot:</c> names out of a message ("my email is sam@example.com" while venting, or in
/// answer to another question) and keeps those not captured yet, so nobody asks for them again. A value that corrects
/// a known one ("no wait, wrong email, it's raj.patel88@gmail.com") replaces it: the bot said "Got it, noted" and the
/// team was given the wrong address (2026-12-07 trial).
/// </summary>
internal static partial class SpottedValues
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
                if (!state.Captured.TryGetValue(spec.Name, out var known))
                {
                    captures.TryAdd(spec.Name, value);
                }
                else if (known != value && Corrects().IsMatch(text))
                {
                    captures[spec.Name] = value;
                }
            }
        }

        return (found, rest);
    }

    // Said when a detail given before was wrong. Without such words the first value stays (the message is in the story).
    [GeneratedRegex(@"\b(wrong|actually|i meant|i mean|meant to (say|type|write)|correction|typo|instead|not that one|no wait|sorry (it['’]?s|its)|(that['’]?s|thats|that was|that is) (my |an )?old (one|email|address|number)|changed|new (one|email|address|number))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Corrects();
}
