namespace CareBot.Dialogs.Runtime;

/// <summary>
/// A call a <c>lookup:</c> node needs before the turn can go on. The runtime does no I/O: it returns the request in
/// <see cref="StepResult.PendingLookup"/>, the host makes the call (see <see cref="ILookupClient"/>) and runs the same
/// turn again from the same state with the answer in <see cref="TurnInput.Lookups"/>.
/// </summary>
/// <param name="ScriptId">The dialog of the lookup node.</param>
/// <param name="NodeId">The lookup node (script tests stub lookups by node id).</param>
/// <param name="Integration">The integration's name, as configured under <c>Integrations:</c>.</param>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The path below the integration's base URL, placeholders filled in and URL-encoded.</param>
/// <param name="Body">JSON fields to send (empty for GET).</param>
/// <param name="Fields">Capture name → the dotted path of the response field to keep.</param>
public sealed record LookupRequest(
    string ScriptId,
    string NodeId,
    string Integration,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Body,
    IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>Identifies the call within a turn: the same call is made once, whichever node asks for it.</summary>
    public string Key =>
        $"{Integration} {Method} {Path}" + (Body.Count == 0 ? string.Empty : " " + string.Join("&", Body.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")));
}
