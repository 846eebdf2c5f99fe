using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.Templates;

namespace CareBot.Dialogs.Validation;

/// <summary>
/// The checks that need the whole script set: targets, duplicates, reachability, dead ends, placeholders, calls,
/// events, public data exposure and the embedded tests. Shape problems were reported by the parser.
/// </summary>
public static class ScriptValidator
{
    private const string UnreadableId = "?";

    private static readonly string[] EffectNames = ["take_offline", "handoff", "rating", "end"];

    /// <summary>Every problem found in the set, sorted by file and position.</summary>
    public static IReadOnlyList<Diagnostic> Validate(IReadOnlyList<DialogScript> scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        var diagnostics = new List<Diagnostic>();
        var dialogIds = scripts.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var captures = scripts.SelectMany(CapturesOf).GroupBy(c => c.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Type).ToHashSet(), StringComparer.Ordinal);
        var personal = captures.Where(kv => kv.Value.Overlaps([CaptureType.Email, CaptureType.Phone, CaptureType.OrderNumber]))
            .Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);

        // A test may expect a node of a called dialog: the active node can be in a sub-dialog.
        var allNodes = scripts.SelectMany(s => s.Nodes).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var lookups = scripts.SelectMany(s => s.Nodes).OfType<LookupNode>().GroupBy(n => n.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var group in scripts.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var duplicate in group.Skip(1))
            {
                diagnostics.Add(Diagnostic.Error(new SourceLocation(duplicate.File, 1, 1), DiagnosticCodes.DuplicateId,
                    $"the dialog id '{group.Key}' is also used by {group.First().File}", "give every dialog file its own 'dialog:' id"));
            }
        }

        foreach (var script in scripts)
        {
            CheckScript(script, dialogIds, captures, personal, allNodes, lookups, diagnostics);
        }

        return diagnostics.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ToList();
    }

    private static IEnumerable<(string Name, CaptureType Type)> CapturesOf(DialogScript script) =>
        script.Nodes.SelectMany<DialogNode, (string, CaptureType)>(node => node switch
        {
            AskNode a => a.SpotCaptures.Select(c => (c.Name, c.Type)).Prepend((a.Capture.Name, a.Capture.Type)),
            ExtractNode e => [(e.Capture.Name, e.Capture.Type)],
            ListenNode listen => listen.SpotCaptures.Select(c => (c.Name, c.Type))
                .Concat(listen.CaptureName is { } name ? [(name, CaptureType.Text)] : []),
            LookupNode lookup => lookup.Map.Keys.Select(name => (name, CaptureType.Text)),
            _ => [],
        });

    private static void CheckScript(
        DialogScript script,
        HashSet<string> dialogIds,
        Dictionary<string, HashSet<CaptureType>> captures,
        HashSet<string> personal,
        HashSet<string> allNodes,
        Dictionary<string, LookupNode> lookups,
        List<Diagnostic> diagnostics)
    {
        var ids = new Dictionary<string, DialogNode>(StringComparer.Ordinal);
        // A node whose id could not be read was reported by the parser ("?"); graph checks on it would only add noise.
        foreach (var node in script.Nodes.Where(n => n.Id != UnreadableId))
        {
            if (!ids.TryAdd(node.Id, node))
            {
                diagnostics.Add(Diagnostic.Error(node.Location, DiagnosticCodes.DuplicateId,
                    $"the node id '{node.Id}' is already used at line {ids[node.Id].Location.Line}", "rename one of them; every node id in a dialog must be unique"));
            }
        }

        void CheckLink(NodeLink link)
        {
            if (!ids.ContainsKey(link.Target))
            {
                diagnostics.Add(Diagnostic.Error(link.Location, DiagnosticCodes.UnknownTarget,
                    $"'{link.Field}' goes to '{link.Target}', but this dialog has no such node",
                    $"use the id of a node in {script.File}{YamlFields.Suggest(link.Target, ids.Keys)}"));
            }
        }

        if (script.Start is { } start)
        {
            CheckLink(start);
        }

        foreach (var link in script.Nodes.SelectMany(n => n.Links))
        {
            CheckLink(link);
        }

        foreach (var (name, link) in script.On)
        {
            if (!DialogEvents.All.Contains(name))
            {
                diagnostics.Add(Diagnostic.Error(link.Location, DiagnosticCodes.UnknownEvent,
                    $"'{name}' is not an event the host sends", $"use one of: {string.Join(", ", DialogEvents.All)}{YamlFields.Suggest(name, DialogEvents.All)}"));
            }

            CheckLink(link);
        }

        // The integrations some lookup in the set calls: an integration: condition naming another is likely a typo.
        var called = lookups.Values.Select(l => l.Integration).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var node in script.Nodes.Where(n => n.Id != UnreadableId))
        {
            CheckNode(script, node, dialogIds, captures, called, diagnostics);
        }

        CheckReachability(script, ids, diagnostics);
        CheckAsides(script, ids, diagnostics);
        CheckPublicData(script, ids, personal, diagnostics);
        CheckTests(script, allNodes, captures, lookups, diagnostics);
    }

    private static void CheckNode(
        DialogScript script, DialogNode node, HashSet<string> dialogIds, Dictionary<string, HashSet<CaptureType>> captures, HashSet<string> calledIntegrations, List<Diagnostic> diagnostics)
    {
        if (!node.MayStop && !node.Links.Any() && node is not BranchNode)
        {
            diagnostics.Add(Diagnostic.Error(node.Location, DiagnosticCodes.DeadEnd,
                $"the {node.Kind} node '{node.Id}' leads nowhere", "add 'next: <node>', or go to an end node to finish the dialog"));
        }

        if (node is BranchNode { Default: null } b)
        {
            diagnostics.Add(Diagnostic.Error(b.Location, DiagnosticCodes.BranchWithoutDefault,
                $"the branch '{b.Id}' has no default", "add 'default: <node>' for when no case matches"));
        }

        if (node is CallNode c && !dialogIds.Contains(c.Dialog))
        {
            diagnostics.Add(Diagnostic.Error(c.DialogLocation, DiagnosticCodes.UnknownDialog,
                $"'call' names the dialog '{c.Dialog}', which is not loaded", $"use the 'dialog:' id of a file in the same folder{YamlFields.Suggest(c.Dialog, dialogIds)}"));
        }

        if (node is LookupNode lookup)
        {
            LookupRules.Check(script, lookup, captures, diagnostics);
        }

        // A branch's cases and a listen or ask node's interrupts are the same conditions, checked the same way.
        var (cases, what) = node switch
        {
            BranchNode branch => (branch.Cases, "branch"),
            ListenNode listen => (listen.Interrupts, "listen node"),
            AskNode ask => (ask.Interrupts, "ask node"),
            _ => ((IReadOnlyList<BranchCase>)[], string.Empty),
        };
        foreach (var signal in cases.SelectMany(x => x.When.Signals).Where(s => !SignalNames.All.Contains(s, StringComparer.OrdinalIgnoreCase)))
        {
            diagnostics.Add(Diagnostic.Warning(node.Location, DiagnosticCodes.InvalidValue,
                $"the {what} '{node.Id}' tests the signal '{signal}', which triage never sets", $"known signals: {string.Join(", ", SignalNames.All)}{YamlFields.Suggest(signal, SignalNames.All)}"));
        }

        foreach (var condition in cases.Select(x => x.When).Where(c => c.Integration is not null))
        {
            if (!LookupRules.IsIntegrationName(condition.Integration!))
            {
                diagnostics.Add(Diagnostic.Error(condition.Location, DiagnosticCodes.InvalidValue,
                    $"the {what} '{node.Id}' tests the integration '{condition.Integration}', which is not an integration name",
                    "name a key under 'Integrations:' in configuration (letters, digits, '_' or '-'), e.g. 'integration: orders'"));
            }
            else if (!calledIntegrations.Contains(condition.Integration!))
            {
                diagnostics.Add(Diagnostic.Warning(condition.Location, DiagnosticCodes.InvalidValue,
                    $"the {what} '{node.Id}' tests the integration '{condition.Integration}', which no 'lookup:' node calls",
                    $"name it as a lookup does{(calledIntegrations.Count > 0 ? ": " + string.Join(", ", calledIntegrations.Order(StringComparer.Ordinal)) : string.Empty)}{YamlFields.Suggest(condition.Integration!, calledIntegrations)}"));
            }
        }

        foreach (var name in cases.SelectMany(x => x.When.Captured.Keys.Concat(x.When.Has).Concat(x.When.Missing)).Where(n => !captures.ContainsKey(n)))
        {
            diagnostics.Add(Diagnostic.Error(node.Location, DiagnosticCodes.UnknownPlaceholder,
                $"the {what} '{node.Id}' tests the capture '{name}', which no node captures", $"captured names: {string.Join(", ", captures.Keys)}"));
        }

        foreach (var template in node.Texts)
        {
            foreach (var placeholder in template.Placeholders)
            {
                if (placeholder == Placeholders.CaseReplyWithin && node is not HandoffNode)
                {
                    diagnostics.Add(Diagnostic.Error(template.Location, DiagnosticCodes.UnknownPlaceholder,
                        $"'{{{placeholder}}}' in {script.Id}/{node.Id}: only a hand-off knows the priority whose reply time it names",
                        "use it in the 'say' of a 'handoff' node"));
                    continue;
                }

                var known = Placeholders.Fixed.Contains(placeholder)
                    || (placeholder.StartsWith(Placeholders.CapturedPrefix, StringComparison.Ordinal)
                        && captures.ContainsKey(placeholder[Placeholders.CapturedPrefix.Length..]));
                if (!known)
                {
                    var names = Placeholders.Fixed
                        .Concat(captures.Keys.Select(k => Placeholders.CapturedPrefix + k)).ToList();
                    diagnostics.Add(Diagnostic.Error(template.Location, DiagnosticCodes.UnknownPlaceholder,
                        $"unknown placeholder '{{{placeholder}}}' in {script.Id}/{node.Id}",
                        $"use one of {string.Join(", ", names.Select(n => "{" + n + "}"))}{YamlFields.Suggest(placeholder, names)}"));
                }
            }
        }
    }

    /// <summary>The node ids reached from <paramref name="starts"/>, following the links of every node <paramref name="goesOn"/> lets through.</summary>
    private static HashSet<string> Reached(IEnumerable<string> starts, Dictionary<string, DialogNode> ids, Func<DialogNode, bool> goesOn)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(starts);
        while (queue.TryDequeue(out var id))
        {
            if (reached.Add(id) && ids.TryGetValue(id, out var node) && goesOn(node))
            {
                foreach (var link in node.Links)
                {
                    queue.Enqueue(link.Target);
                }
            }
        }

        return reached;
    }

    private static void CheckReachability(DialogScript script, Dictionary<string, DialogNode> ids, List<Diagnostic> diagnostics)
    {
        var starts = new[] { script.Start?.Target }.Concat(script.On.Values.Select(l => l.Target)).OfType<string>();
        var reached = Reached(starts, ids, _ => true);
        foreach (var node in script.Nodes.Where(n => n.Id != UnreadableId && !reached.Contains(n.Id) && ids[n.Id] == n))
        {
            diagnostics.Add(Diagnostic.Error(node.Location, DiagnosticCodes.Unreachable,
                $"no path from 'start' or an 'on:' event reaches the node '{node.Id}'", "link to it with next/goto/fallback, or delete it"));
        }
    }

    /// <summary>
    /// An aside handler (a public follow-up, a message while the case is with people) answers a message while the
    /// conversation stays where it was: it may say something and end, but not wait for an answer, open another private
    /// chat, hand off, call or look up (the runtime would drop what they did).
    /// </summary>
    private static void CheckAsides(DialogScript script, Dictionary<string, DialogNode> ids, List<Diagnostic> diagnostics)
    {
        // The walk stops at a node the handler may not reach, so each wrong turn is reported once, not all that follows it.
        static bool MayAnswer(DialogNode node) => node is SayNode or BranchNode or ExtractNode or EndNode;
        foreach (var name in DialogEvents.Asides)
        {
            if (!script.On.TryGetValue(name, out var handler))
            {
                continue;
            }

            foreach (var id in Reached([handler.Target], ids, MayAnswer))
            {
                if (ids.TryGetValue(id, out var node) && !MayAnswer(node))
                {
                    diagnostics.Add(Diagnostic.Error(node.Location, DiagnosticCodes.FollowUpNode,
                        $"the '{name}' handler reaches the {node.Kind} node '{node.Id}'",
                        name == DialogEvents.PublicFollowUp
                            ? "a public follow-up may only say, branch, extract and end: the thread's private chat carries on by itself"
                            : "a message while the case is with people may only be answered (say, branch, extract, end): the case stays with the team"));
                }
            }
        }
    }

    private enum Exposure
    {
        Unknown,
        Public,
        Private,
    }

    /// <summary>
    /// Walks the graph knowing, where a branch tells, whether the thread is public; any text that can be said in
    /// public and echoes a captured email, phone or order number is an error: public replies never expose those.
    /// </summary>
    private static void CheckPublicData(DialogScript script, Dictionary<string, DialogNode> ids, HashSet<string> personal, List<Diagnostic> diagnostics)
    {
        var seen = new HashSet<(string, Exposure)>();
        var queue = new Queue<(string Node, Exposure Where)>();
        if (script.Start is { } start)
        {
            queue.Enqueue((start.Target, Exposure.Unknown));
        }

        foreach (var (name, link) in script.On)
        {
            queue.Enqueue((link.Target, name is DialogEvents.OfflineFailed or DialogEvents.PublicFollowUp ? Exposure.Public : name is DialogEvents.CaseMessage ? Exposure.Private : Exposure.Unknown));
        }

        var flagged = new HashSet<Template>();
        while (queue.TryDequeue(out var item))
        {
            if (!seen.Add(item) || !ids.TryGetValue(item.Node, out var node))
            {
                continue;
            }

            if (item.Where == Exposure.Public)
            {
                var texts = node is TakeOfflineNode o ? o.Say.Concat(o.Reminder) : node.Texts;
                foreach (var template in texts.Where(t => !flagged.Contains(t)))
                {
                    var leak = template.Placeholders.FirstOrDefault(p => p.StartsWith(Placeholders.CapturedPrefix, StringComparison.Ordinal) && personal.Contains(p[Placeholders.CapturedPrefix.Length..]));
                    if (leak is not null)
                    {
                        flagged.Add(template);
                        diagnostics.Add(Diagnostic.Error(template.Location, DiagnosticCodes.PublicPrivateData,
                            $"'{{{leak}}}' can be said in a public thread by {script.Id}/{node.Id}", "never echo an email, phone or order number in public: say it only after the conversation moved private"));
                    }
                }
            }

            foreach (var (target, where) in Successors(node, item.Where))
            {
                queue.Enqueue((target, where));
            }
        }
    }

    private static IEnumerable<(string, Exposure)> Successors(DialogNode node, Exposure where)
    {
        switch (node)
        {
            case TakeOfflineNode o when o.PrivateStart is not null:
                yield return (o.PrivateStart.Target, Exposure.Private);
                break;
            case BranchNode b:
                foreach (var c in b.Cases)
                {
                    if (c.When.Public is { } p && where != Exposure.Unknown && p != (where == Exposure.Public))
                    {
                        continue; // this arm cannot be taken here
                    }

                    yield return (c.Goto.Target, c.When.Public switch { true => Exposure.Public, false => Exposure.Private, null => where });
                }

                if (b.Default is not null)
                {
                    var onlyPublicArm = b.Cases.Any(c => c.When.IsOnlyPublic(true));
                    var onlyPrivateArm = b.Cases.Any(c => c.When.IsOnlyPublic(false));
                    yield return (b.Default.Target, onlyPublicArm ? Exposure.Private : onlyPrivateArm ? Exposure.Public : where);
                }

                break;
            default:
                foreach (var link in node.Links)
                {
                    yield return (link.Target, where);
                }

                break;
        }
    }

    private static void CheckTests(DialogScript script, HashSet<string> ids, Dictionary<string, HashSet<CaptureType>> captures, Dictionary<string, LookupNode> lookups, List<Diagnostic> diagnostics)
    {
        foreach (var step in script.Tests.SelectMany(t => t.Steps))
        {
            foreach (var (nodeId, stub) in step.Lookups)
            {
                if (!lookups.TryGetValue(nodeId, out var lookup))
                {
                    diagnostics.Add(Diagnostic.Error(stub.Location, DiagnosticCodes.InvalidTest, $"the test stubs the lookup '{nodeId}', but no dialog has a lookup node with that id",
                        $"lookup nodes: {(lookups.Count == 0 ? "none" : string.Join(", ", lookups.Keys))}{YamlFields.Suggest(nodeId, lookups.Keys)}"));
                    continue;
                }

                foreach (var given in stub.Values.Keys.Where(n => !lookup.Map.ContainsKey(n)))
                {
                    diagnostics.Add(Diagnostic.Error(stub.Location, DiagnosticCodes.InvalidTest, $"the stub of '{nodeId}' gives '{given}', which that lookup does not map",
                        $"it maps: {string.Join(", ", lookup.Map.Keys)}"));
                }
            }

            if (step.Event is { } name && !DialogEvents.Sent.Contains(name))
            {
                diagnostics.Add(Diagnostic.Error(step.Location, DiagnosticCodes.InvalidTest, $"the test step sends the unknown event '{name}'", $"use one of: {string.Join(", ", DialogEvents.Sent)} (a public follow-up is a step with 'user:' and 'public: true')"));
            }

            if (step.Node is { } node && !ids.Contains(node))
            {
                diagnostics.Add(Diagnostic.Error(step.NodeLocation ?? step.Location, DiagnosticCodes.InvalidTest,
                    $"the test expects the node '{node}', which this dialog does not have", $"use a node id of {script.File}{YamlFields.Suggest(node, ids)}"));
            }

            foreach (var capture in step.Captured.Keys.Where(c => !captures.ContainsKey(c)))
            {
                diagnostics.Add(Diagnostic.Error(step.Location, DiagnosticCodes.InvalidTest, $"the test expects the capture '{capture}', which no node captures", $"captured names: {string.Join(", ", captures.Keys)}"));
            }

            foreach (var effect in step.Effects.Where(e => !EffectNames.Contains(e)))
            {
                diagnostics.Add(Diagnostic.Error(step.Location, DiagnosticCodes.InvalidTest, $"unknown effect '{effect}'", $"use: {string.Join(", ", EffectNames)}"));
            }
        }
    }
}
