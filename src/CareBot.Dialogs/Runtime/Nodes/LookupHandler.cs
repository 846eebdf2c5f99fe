using CareBot.Dialogs.Model;
using CareBot.Dialogs.Templates;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>
/// Lookup: build the request from captured values; without its answer in the input, ask the host for it; with it,
/// keep the mapped fields and go on (found), or take the not-found or fallback route.
/// </summary>
public sealed class LookupHandler : INodeHandler<LookupNode>
{
    /// <summary>How many lookups one turn may need before the runtime decides the script loops.</summary>
    public const int MaxLookupsPerTurn = 4;

    /// <inheritdoc />
    public NodeOutcome Enter(LookupNode node, NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        var captured = context.State.Captured;
        var missing = false;
        string? Fill(string name, bool encode)
        {
            var value = name.StartsWith(Placeholders.CapturedPrefix, StringComparison.Ordinal)
                ? captured.GetValueOrDefault(name[Placeholders.CapturedPrefix.Length..])?.Text
                : null;
            // "." and ".." survive URL-encoding and would climb the path: no such value is worth a call.
            missing |= value is null || (encode && value.Trim() is "." or "..");
            return value is null ? string.Empty : encode ? Uri.EscapeDataString(value) : value;
        }

        var path = node.Path is null ? "/" : Placeholders.Render(node.Path.Text, name => Fill(name, encode: true));
        var body = node.Body.ToDictionary(kv => kv.Key, kv => Placeholders.Render(kv.Value.Text, name => Fill(name, encode: false)), StringComparer.Ordinal);

        // A value the path needs was never captured: there is nothing to look up, and a call with a hole in it could
        // find the wrong thing.
        if (missing)
        {
            return GoTo(node.Fallback);
        }

        var request = new LookupRequest(context.Script.Id, node.Id, node.Integration, node.Method, path, body, node.Map);
        if (!context.Input.Lookups.TryGetValue(request.Key, out var answer))
        {
            if (context.Input.Lookups.Count >= MaxLookupsPerTurn)
            {
                throw new DialogRuntimeException(
                    $"The dialog '{context.Script.Id}' made more than {MaxLookupsPerTurn} lookups in one turn (last: '{node.Id}'). " +
                    "Put an ask or listen between lookups that repeat.");
            }

            return new LookupNeededOutcome(request);
        }

        switch (answer.Status)
        {
            case LookupStatus.Found:
                var captures = node.Map.Keys
                    .Where(answer.Values.ContainsKey)
                    .ToDictionary(name => name, name => new CapturedValue(CaptureType.Text, answer.Values[name]), StringComparer.Ordinal);
                return node.Next is null ? new EndOutcome { Captures = captures } : new GoToOutcome(node.Next.Target) { Captures = captures };
            case LookupStatus.NotFound:
                return GoTo(node.NotFound ?? node.Fallback);
            default:
                return GoTo(node.Fallback);
        }
    }

    private static NodeOutcome GoTo(NodeLink? link) => link is null ? new EndOutcome() : new GoToOutcome(link.Target);
}
