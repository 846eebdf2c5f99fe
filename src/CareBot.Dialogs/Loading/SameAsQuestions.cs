using CareBot.Dialogs.Validation;
using YamlDotNet.RepresentationModel;

namespace CareBot.Dialogs.Loading;

/// <summary>
/// An ask node with <c>same_as: other_ask</c> is the same question asked in other words ("No rush, send it whenever
/// you've found it" after "hang on, let me find it"): every field it does not give itself (capture, type, retry,
/// decline, spot, interrupt, next...) is taken from that node, except skip_if_captured: asked again, it is asked.
/// Without it a script repeated nine lines for each way of asking again, and a decline word added to one copy was
/// missing from the others.
/// </summary>
internal static class SameAsQuestions
{
    public const string Field = "same_as";

    /// <summary>Fills each same_as node's missing fields from the ask node it names, before the nodes are parsed.</summary>
    public static void Fill(YamlFields y, IReadOnlyList<YamlMappingNode> nodes)
    {
        var asks = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (Scalar(node, "id") is { } id && YamlFields.Find(node, "ask") is not null)
            {
                asks.TryAdd(id, node);
            }
        }

        foreach (var node in nodes)
        {
            // On any other kind of node same_as is an unknown field, which the node's own parse reports.
            if (YamlFields.Find(node, Field) is not { } sameAs || YamlFields.Find(node, "ask") is null)
            {
                continue;
            }

            var target = (sameAs as YamlScalarNode)?.Value ?? string.Empty;
            if (!asks.TryGetValue(target, out var original))
            {
                y.Error(sameAs, DiagnosticCodes.UnknownTarget, $"'{Field}: {target}' names no ask node in this dialog", $"write the id of the ask node whose question this one asks again{YamlFields.Suggest(target, asks.Keys)}");
                continue;
            }

            // One step only: a copy of a copy would hide where a field comes from.
            if (YamlFields.Find(original, Field) is not null)
            {
                y.Error(sameAs, DiagnosticCodes.InvalidValue, $"'{Field}: {target}' names a node that is itself '{Field}' another", $"write the id of the ask node that node copies");
                continue;
            }

            foreach (var (key, value) in original.Children)
            {
                var name = (key as YamlScalarNode)?.Value;
                // Not skip_if_captured: a question asked again in other words is asked ("never mind" had passed on it).
                if (name is not (null or "id" or "ask" or "skip_if_captured") && YamlFields.Find(node, name) is null)
                {
                    node.Children.Add(key, value);
                }
            }
        }
    }

    private static string? Scalar(YamlMappingNode map, string field) => (YamlFields.Find(map, field) as YamlScalarNode)?.Value;
}
