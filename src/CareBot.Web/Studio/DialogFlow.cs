using CareBot.Dialogs.Model;

namespace CareBot.Web.Studio;

/// <summary>
/// A dialog as a graph for the studio's flow view (read-only): its nodes laid out in layers by their distance from the
/// start node and the <c>on:</c> event nodes (layer 0), unreachable nodes in one layer below all others, and every route
/// (next, goto, fallback...) between them. Dead ends are nodes with no way on that are not meant to stop there (the
/// validator's rule, <see cref="DialogNode.MayStop"/>).
/// </summary>
public sealed record DialogFlow(IReadOnlyList<FlowNode> Nodes, IReadOnlyList<FlowRoute> Routes)
{
    /// <summary>Builds the flow of a parsed script (it may have errors: routes to missing nodes are kept, marked).</summary>
    public static DialogFlow From(DialogScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var layers = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var entry in new[] { script.Start }.Concat(script.On.Values).OfType<NodeLink>())
        {
            if (script.FindNode(entry.Target) is not null && layers.TryAdd(entry.Target, 0))
            {
                queue.Enqueue(entry.Target);
            }
        }

        while (queue.TryDequeue(out var id))
        {
            foreach (var link in script.FindNode(id)!.Links)
            {
                if (script.FindNode(link.Target) is not null && layers.TryAdd(link.Target, layers[id] + 1))
                {
                    queue.Enqueue(link.Target);
                }
            }
        }

        var unreachableLayer = layers.Count == 0 ? 0 : layers.Values.Max() + 1;
        var nodes = script.Nodes
            .DistinctBy(n => n.Id, StringComparer.Ordinal)
            .Select(n => new FlowNode(
                n.Id,
                n.Kind,
                n.Location.Line,
                layers.TryGetValue(n.Id, out var layer) ? layer : unreachableLayer,
                Reachable: layers.ContainsKey(n.Id),
                DeadEnd: !n.MayStop && !n.Links.Any()))
            .ToList();
        var routes = script.Nodes
            .DistinctBy(n => n.Id, StringComparer.Ordinal)
            .SelectMany(n => n.Links.Select(l => new FlowRoute(n.Id, l.Target, l.Field, script.FindNode(l.Target) is not null)))
            .Distinct()
            .ToList();
        return new DialogFlow(nodes, routes);
    }
}
