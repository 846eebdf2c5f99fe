using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CareBot.Dialogs.Loading;

/// <summary>
/// Turns one YAML file into a <see cref="DialogScript"/>, collecting every shape problem (with file:line:col) rather
/// than stopping at the first. Cross-node checks (targets, reachability, placeholders) are the validator's.
/// </summary>
public static class ScriptParser
{
    internal static readonly string[] TopFields = ["dialog", "title", "description", "brand", "handles", "timezone", "business_hours", "start", "on", "nodes", "tests"];

    /// <summary>The node kinds, each a key in a node's mapping.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["say", "ask", "extract", "listen", "branch", "offline", "handoff", "call", "lookup", "end"];

    internal static readonly Dictionary<string, string[]> KindFields = new(StringComparer.Ordinal)
    {
        ["say"] = ["id", "say", "next"],
        ["ask"] = ["id", "ask", "capture", "type", "pattern", "choices", "min", "max", "retry", "max_attempts", "decline", "fallback", "skip_if_captured", "spot", "interrupt", "add_rest_to", "next", SameAsQuestions.Field],
        ["extract"] = ["id", "extract", "type", "pattern", "choices", "min", "max", "append", "next"],
        ["listen"] = ["id", "listen", "acknowledge", "acknowledge_calm", "noted", "done_words", "max_messages", "capture", "spot", "interrupt", "next"],
        ["branch"] = ["id", "branch", "default"],
        ["offline"] = ["id", "offline", "private_start", "pointer"],
        ["handoff"] = ["id", "handoff", "priority", "min_priority", "say", "next"],
        ["call"] = ["id", "call", "next"],
        ["lookup"] = ["id", "lookup", "method", "path", "body", "map", "next", "not_found", "fallback"],
        ["end"] = ["id", "end"],
    };

    internal static readonly string[] ConditionFields = ["public", "signal", "signals", "sentiment", "sentiment_below", "sentiment_above", "keywords", "keywords_not", "captured", "has", "missing", "business_hours", "priority", "language", "language_not", "words_at_least", "to_someone_else", "mentions", "integration"];

    internal static readonly string[] StepFields = ["user", "event", "public", "sentiment", "signals", "priority", "now", "bot", "not_bot", "no_reply", "node", "captured", "effects", "language", "lookup"];

    /// <summary>The capture type names as written in scripts.</summary>
    public static readonly IReadOnlyDictionary<string, CaptureType> CaptureTypes = new Dictionary<string, CaptureType>(StringComparer.Ordinal)
    {
        ["text"] = CaptureType.Text, ["email"] = CaptureType.Email, ["phone"] = CaptureType.Phone,
        ["order_number"] = CaptureType.OrderNumber, ["number"] = CaptureType.Number, ["yes_no"] = CaptureType.YesNo,
        ["choice"] = CaptureType.Choice, ["regex"] = CaptureType.Regex, ["rating"] = CaptureType.Rating,
    };

    /// <summary>The HTTP methods a lookup may use.</summary>
    public static readonly IReadOnlyDictionary<string, string> LookupMethods = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["get"] = "GET", ["post"] = "POST", ["put"] = "PUT", ["patch"] = "PATCH", ["delete"] = "DELETE",
    };

    /// <summary>The priority names as written in scripts.</summary>
    public static readonly IReadOnlyDictionary<string, Priority> Priorities = new Dictionary<string, Priority>(StringComparer.Ordinal)
    {
        ["low"] = Priority.Low, ["normal"] = Priority.Normal, ["high"] = Priority.High, ["urgent"] = Priority.Urgent,
    };

    private static readonly Dictionary<string, DayOfWeek> Days = new(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
    };

    /// <summary>
    /// The default order number pattern: two letters, a dash, six digits (e.g. AB-123456). The dash may be left out, as
    /// customers type it ("ab123456"); the captured value always has it (see <see cref="Capture.CaptureParser"/>).
    /// </summary>
    public const string DefaultOrderPattern = @"[A-Z]{2}-?\d{6}";

    /// <summary>How long a script's regular expression may run on one message (guards against runaway patterns).</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary><see cref="DefaultOrderPattern"/> compiled once; Regex is thread-safe, so every script shares it.</summary>
    private static readonly Regex DefaultOrderRegex = new(DefaultOrderPattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, RegexTimeout);

    /// <summary>The content hash used as a script version.</summary>
    public static string VersionOf(string source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16];

    /// <summary>Parses one file. Returns null script only when the YAML itself cannot be read.</summary>
    public static (DialogScript? Script, IReadOnlyList<Diagnostic> Diagnostics) Parse(string file, string source)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(source);
        var diagnostics = new List<Diagnostic>();
        var y = new YamlFields(file, diagnostics);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(source));
        }
        catch (YamlException ex)
        {
            var at = new SourceLocation(file, (int)ex.Start.Line, (int)ex.Start.Column);
            var reason = ex.InnerException?.Message ?? ex.Message;
            y.Error(at, DiagnosticCodes.YamlSyntax, $"not valid YAML: {Clean(reason)}", "check the indentation (spaces, not tabs) and quote texts that contain ': ' or start with '{'");
            return (null, diagnostics);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            y.Error(new SourceLocation(file, 1, 1), DiagnosticCodes.YamlSyntax, "the file does not hold a dialog", "start the file with 'dialog: <id>' followed by 'start:' and 'nodes:'");
            return (null, diagnostics);
        }

        var f = y.Fields(root, TopFields, "a dialog file");
        var script = new DialogScript
        {
            Id = f.TryGetValue("dialog", out var id) ? y.Text(id.Value, "dialog") ?? "?" : MissingTop(y, root, "dialog", "dialog: care"),
            Version = VersionOf(source),
            File = file,
            Source = source,
            Title = f.TryGetValue("title", out var title) ? y.Text(title.Value, "title") : null,
            Brand = f.TryGetValue("brand", out var brand) ? y.Text(brand.Value, "brand") : null,
            Handles = f.TryGetValue("handles", out var handles) ? ParseHandles(y, handles.Value) : [],
            TimeZone = f.TryGetValue("timezone", out var tz) ? ParseTimeZone(y, tz.Value) : TimeZoneInfo.Utc,
            BusinessHours = f.TryGetValue("business_hours", out var bh) ? ParseBusinessHours(y, bh.Value) : null,
            Start = f.TryGetValue("start", out var start) ? y.Link(start.Value, "start") : null,
            On = f.TryGetValue("on", out var on) ? ParseOn(y, on.Value) : new Dictionary<string, NodeLink>(),
            Nodes = f.TryGetValue("nodes", out var nodes) ? ParseNodes(y, nodes.Value) : [],
            Tests = f.TryGetValue("tests", out var tests) ? ParseTests(y, tests.Value) : [],
        };
        if (script.Start is null && !f.ContainsKey("start"))
        {
            y.Error(root, DiagnosticCodes.MissingField, "the dialog has no 'start'", "add 'start: <id of the first node>'");
        }

        if (!f.ContainsKey("nodes"))
        {
            y.Error(root, DiagnosticCodes.MissingField, "the dialog has no 'nodes'", "add 'nodes:' with a list of nodes, each starting with '- id: ...'");
        }

        return (script, diagnostics);
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes positions ("(Line: 3, Col: 1, Idx: ...) - (...): "); ours come first already.
        var at = message.LastIndexOf("): ", StringComparison.Ordinal);
        return at >= 0 ? message[(at + 3)..] : message;
    }

    private static string MissingTop(YamlFields y, YamlNode root, string field, string example)
    {
        y.Error(root, DiagnosticCodes.MissingField, $"the dialog has no '{field}'", $"add '{example}'");
        return "?";
    }

    private static TimeZoneInfo ParseTimeZone(YamlFields y, YamlNode node)
    {
        var name = y.Text(node, "timezone");
        if (name is null)
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (TimeZoneNotFoundException)
        {
            y.Error(node, DiagnosticCodes.InvalidValue, $"unknown time zone '{name}'", "use an IANA name such as 'Europe/London' or 'UTC'");
            return TimeZoneInfo.Utc;
        }
    }

    private static BusinessHours? ParseBusinessHours(YamlFields y, YamlNode node)
    {
        if (y.Map(node, "business_hours") is not { } map)
        {
            return null;
        }

        var f = y.Fields(map, ["days", "from", "to"], "business_hours");
        var days = new HashSet<DayOfWeek>();
        if (f.TryGetValue("days", out var d))
        {
            foreach (var day in y.Strings(d.Value, "days"))
            {
                if (Days.TryGetValue(day.Trim().ToLowerInvariant()[..Math.Min(3, day.Trim().Length)], out var dow))
                {
                    days.Add(dow);
                }
                else
                {
                    y.Error(d.Value, DiagnosticCodes.InvalidValue, $"unknown day '{day}'", "use mon, tue, wed, thu, fri, sat, sun");
                }
            }
        }
        else
        {
            days.UnionWith([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);
        }

        return new BusinessHours(days, Time(y, f, "from", new TimeOnly(9, 0)), Time(y, f, "to", new TimeOnly(17, 0)));
    }

    private static TimeOnly Time(YamlFields y, Dictionary<string, (YamlNode Key, YamlNode Value)> f, string field, TimeOnly fallback)
    {
        if (!f.TryGetValue(field, out var v) || y.Text(v.Value, field) is not { } text)
        {
            return fallback;
        }

        if (TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        y.Error(v.Value, DiagnosticCodes.InvalidValue, $"'{text}' is not a time of day", $"write it as \"09:00\" (quoted, 24-hour)");
        return fallback;
    }

    private static Dictionary<string, NodeLink> ParseOn(YamlFields y, YamlNode node)
    {
        var result = new Dictionary<string, NodeLink>(StringComparer.Ordinal);
        if (y.Map(node, "on") is not { } map)
        {
            return result;
        }

        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (y.Link(value, $"on {name}") is { } link)
            {
                result[name] = link with { Location = y.At(key) };
            }
        }

        return result;
    }

    private static List<DialogNode> ParseNodes(YamlFields y, YamlNode node)
    {
        var result = new List<DialogNode>();
        if (node is not YamlSequenceNode seq)
        {
            y.Error(node, DiagnosticCodes.InvalidValue, "'nodes' must be a list", "write each node as a list item starting with '- id: ...'");
            return result;
        }

        SameAsQuestions.Fill(y, seq.Children.OfType<YamlMappingNode>().ToList());
        foreach (var item in seq.Children)
        {
            if (y.Map(item, "a node") is { } map && ParseNode(y, map) is { } parsed)
            {
                result.Add(parsed);
            }
        }

        return result;
    }

    private static DialogNode? ParseNode(YamlFields y, YamlMappingNode map)
    {
        var keys = map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty).ToList();
        var kinds = keys.Where(KindFields.ContainsKey).ToList();
        if (kinds.Count > 1 && kinds.Contains("say") && kinds.Any(k => k != "say" && KindFields[k].Contains("say")))
        {
            kinds.Remove("say"); // a hand-off's 'say:' is what it tells the customer, not a second kind
        }

        var idNode = YamlFields.Find(map, "id");
        var id = idNode is null ? null : y.Text(idNode, "id");
        var name = id is null ? "a node" : $"node '{id}'";
        if (idNode is null)
        {
            y.Error(map, DiagnosticCodes.MissingField, "a node has no 'id'", "start every node with '- id: some_name'");
        }

        if (kinds.Count != 1)
        {
            var message = kinds.Count == 0
                ? $"{name} has no kind" + (keys.FirstOrDefault(k => k != "id") is { } first ? $" ('{first}' is not a node kind)" : string.Empty)
                : $"{name} has several kinds ({string.Join(", ", kinds)})";
            var guess = keys.Where(k => k != "id").Select(k => YamlFields.Suggest(k, Kinds)).FirstOrDefault(s => s.Length > 0) ?? string.Empty;
            y.Error(map, DiagnosticCodes.NodeKind, message, $"give each node exactly one of: {string.Join(", ", Kinds)}{guess}");
            return null;
        }

        var kind = kinds[0];
        var f = y.Fields(map, KindFields[kind], $"a {kind} node");
        var at = y.At(map);
        id ??= "?";
        var kindValue = f[kind].Value;
        NodeLink? Link(string field) => f.TryGetValue(field, out var v) ? y.Link(v.Value, field) : null;
        IReadOnlyList<Template> Texts(string field) => f.TryGetValue(field, out var v) ? y.Templates(v.Value, field) : [];

        switch (kind)
        {
            case "say":
                return new SayNode(id, at, y.Templates(kindValue, "say"), Link("next"));
            case "ask":
                {
                    if (!f.ContainsKey("capture"))
                    {
                        y.Error(map, DiagnosticCodes.MissingField, $"{name} asks but has no 'capture'", "add 'capture: <name>' to keep the answer as {captured.<name>}");
                    }

                    var capture = ParseCapture(y, f, f.TryGetValue("capture", out var c) ? y.Text(c.Value, "capture") ?? "?" : "?", at);
                    var max = f.TryGetValue("max_attempts", out var m) ? y.PositiveInt(m.Value, "max_attempts") ?? 3 : 3;
                    var decline = f.TryGetValue("decline", out var d) ? y.Strings(d.Value, "decline") : [];
                    var skip = f.TryGetValue("skip_if_captured", out var sk) && (y.Bool(sk.Value, "skip_if_captured") ?? false);
                    var spot = f.TryGetValue("spot", out var sp) ? ParseSpot(y, sp.Value, at) : [];
                    var interrupt = f.TryGetValue("interrupt", out var i) ? ParseCases(y, i.Value, "interrupt") : [];
                    var addRestTo = f.TryGetValue("add_rest_to", out var ar) ? y.Text(ar.Value, "add_rest_to") : null;
                    return new AskNode(id, at, y.Templates(kindValue, "ask"), capture, Texts("retry"), max, decline, Link("fallback"), Link("next"), skip, spot, interrupt) { AddRestTo = addRestTo };
                }

            case "extract":
                {
                    var capture = ParseCapture(y, f, y.Text(kindValue, "extract") ?? "?", at);
                    var append = f.TryGetValue("append", out var ap) && (y.Bool(ap.Value, "append") ?? false);
                    if (append && capture.Type != CaptureType.Text)
                    {
                        y.Error(ap.Value, DiagnosticCodes.InvalidValue, $"{name} appends, but only text can be added to", "use 'type: text' with 'append: true', or remove 'append'");
                    }

                    return new ExtractNode(id, at, capture, Link("next")) { Append = append };
                }

            case "listen":
                {
                    var max = f.TryGetValue("max_messages", out var m) ? y.PositiveInt(m.Value, "max_messages") ?? 5 : 5;
                    var done = f.TryGetValue("done_words", out var d) ? y.Strings(d.Value, "done_words") : [];
                    var capture = f.TryGetValue("capture", out var c) ? y.Text(c.Value, "capture") : null;
                    var spot = f.TryGetValue("spot", out var sp) ? ParseSpot(y, sp.Value, at) : [];
                    var interrupt = f.TryGetValue("interrupt", out var i) ? ParseCases(y, i.Value, "interrupt") : [];
                    return new ListenNode(id, at, y.Templates(kindValue, "listen"), Texts("acknowledge"), done, max, capture, Link("next"), spot, Texts("noted"), interrupt, Texts("acknowledge_calm"));
                }

            case "branch":
                return new BranchNode(id, at, ParseCases(y, kindValue, "branch"), Link("default"));
            case "offline":
                if (!f.ContainsKey("private_start"))
                {
                    y.Error(map, DiagnosticCodes.MissingField, $"{name} has no 'private_start'", "add 'private_start: <node>' where the private conversation begins");
                }

                return new TakeOfflineNode(id, at, y.Templates(kindValue, "offline"), Link("private_start"), Texts("pointer"));
            case "handoff":
                {
                    var queue = y.Text(kindValue, "handoff") ?? "?";
                    Priority? fixedPriority = null;
                    if (f.TryGetValue("priority", out var p) && y.Text(p.Value, "priority") is { } pt && pt != "triage")
                    {
                        fixedPriority = y.Enum(p.Value, "priority", Priorities);
                    }

                    var min = f.TryGetValue("min_priority", out var mp) ? y.Enum(mp.Value, "min_priority", Priorities) ?? Priority.Low : Priority.Low;
                    return new HandoffNode(id, at, queue, fixedPriority, min, Texts("say"), Link("next"));
                }

            case "call":
                return new CallNode(id, at, y.Text(kindValue, "call") ?? "?", y.At(kindValue), Link("next"));
            case "lookup":
                return ParseLookup(y, map, f, id, name, at);
            default:
                return new EndNode(id, at, EndTemplates(y, kindValue));
        }
    }

    // People write "end: true" for "end here, say nothing"; YAML hands over the plain scalar "true", which must not become
    // a goodbye that says "true". A quoted "true" is text and is said as written.
    private static IReadOnlyList<Template> EndTemplates(YamlFields y, YamlNode value)
    {
        if (value is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } flag })
        {
            if (string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase))
            {
                return [];
            }

            if (string.Equals(flag, "false", StringComparison.OrdinalIgnoreCase))
            {
                y.Error(value, DiagnosticCodes.InvalidValue, "end: false does not say what to do", "write 'end: true' (or a goodbye text) to end here, or use another node kind");
                return [];
            }
        }

        return y.Templates(value, "end");
    }

    private static LookupNode ParseLookup(YamlFields y, YamlMappingNode map, Dictionary<string, (YamlNode Key, YamlNode Value)> f, string id, string name, SourceLocation at)
    {
        foreach (var (field, example) in new[] { ("path", "path: \"/orders/{captured.order}\""), ("map", "map: { order_status: status }"), ("next", "next: <node>"), ("fallback", "fallback: <node>") })
        {
            if (!f.ContainsKey(field))
            {
                y.Error(map, DiagnosticCodes.MissingField, $"{name} looks something up but has no '{field}'", $"add '{example}' (a lookup needs a path, what to keep from the answer, where to go when found, and a fallback for when the call fails)");
            }
        }

        var integration = f["lookup"].Value;
        var method = "GET";
        if (f.TryGetValue("method", out var m) && y.Text(m.Value, "method") is { } methodText)
        {
            if (LookupMethods.TryGetValue(methodText.Trim().ToLowerInvariant(), out var known))
            {
                method = known;
            }
            else
            {
                y.Error(m.Value, DiagnosticCodes.InvalidValue, $"unknown method '{methodText}'", $"use one of: {string.Join(", ", LookupMethods.Keys)}");
            }
        }

        var path = f.TryGetValue("path", out var p) && y.Templates(p.Value, "path") is [var onePath, ..] ? onePath : null;
        var body = new Dictionary<string, Template>(StringComparer.Ordinal);
        if (f.TryGetValue("body", out var b) && y.Map(b.Value, "body") is { } bodyMap)
        {
            foreach (var (key, value) in bodyMap.Children)
            {
                if ((key as YamlScalarNode)?.Value is { } field && y.Templates(value, field) is [var template, ..])
                {
                    body[field] = template;
                }
            }
        }

        var fields = f.TryGetValue("map", out var mp) ? ParseStringMap(y, mp.Value, "map") : new Dictionary<string, string>();
        NodeLink? Link(string field) => f.TryGetValue(field, out var v) ? y.Link(v.Value, field) : null;
        return new LookupNode(id, at, y.Text(integration, "lookup") ?? "?", y.At(integration), method, path, body, fields, Link("next"), Link("not_found"), Link("fallback"));
    }

    /// <summary>A listen or ask node's <c>spot:</c> map, name → simple capture type (e.g. <c>order: order_number</c>).</summary>
    private static List<CaptureSpec> ParseSpot(YamlFields y, YamlNode node, SourceLocation at)
    {
        var result = new List<CaptureSpec>();
        if (y.Map(node, "spot") is not { } map)
        {
            return result;
        }

        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";

            // "account: { type: regex, pattern: '...' }": a value of the brand's own shape (an account or booking number).
            if (value is YamlMappingNode spec)
            {
                var fields = y.Fields(spec, ["type", "pattern"], $"the spot '{name}'");
                var parsed = ParseCapture(y, fields, name, at);
                if (parsed.Type is CaptureType.Regex or CaptureType.OrderNumber && parsed.Pattern is not null)
                {
                    result.Add(parsed);
                }
                else
                {
                    y.Error(spec, DiagnosticCodes.InvalidValue, $"the spot '{name}' is not a pattern", "write a pattern as '{ type: regex, pattern: ... }', or a simple type as 'email'");
                }

                continue;
            }

            if (y.Enum(value, "capture type", CaptureTypes) is not { } type)
            {
                continue;
            }

            if (type is CaptureType.Choice or CaptureType.Regex)
            {
                y.Error(value, DiagnosticCodes.InvalidValue, $"'spot' can't pick out a {((YamlScalarNode)value).Value} value ('{name}') without its pattern", "spot simple types (order_number, email, phone, number, text), or a pattern as '{ type: regex, pattern: ... }'; use an 'extract' node for choices");
                continue;
            }

            result.Add(SimpleSpec(name, type, at));
        }

        return result;
    }

    private static CaptureSpec ParseCapture(YamlFields y, Dictionary<string, (YamlNode Key, YamlNode Value)> f, string name, SourceLocation at)
    {
        var type = f.TryGetValue("type", out var t) ? y.Enum(t.Value, "capture type", CaptureTypes) ?? CaptureType.Text : CaptureType.Text;
        Regex? pattern = null;
        if (f.TryGetValue("pattern", out var p) && y.Text(p.Value, "pattern") is { } text)
        {
            try
            {
                pattern = new Regex(text, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, RegexTimeout);
            }
            catch (ArgumentException ex)
            {
                y.Error(p.Value, DiagnosticCodes.InvalidRegex, $"the pattern '{text}' is not a valid regular expression: {ex.Message}", "fix the pattern; in YAML, single-quote it so backslashes stay as written, e.g. '[A-Z]{2}-\\d{6}'");
            }
        }
        else if (type == CaptureType.Regex)
        {
            y.Error(at, DiagnosticCodes.MissingField, $"the regex capture '{name}' has no 'pattern'", "add 'pattern: ...' with the regular expression the answer must match");
        }

        if (type == CaptureType.OrderNumber && pattern is null && !f.ContainsKey("pattern"))
        {
            pattern = DefaultOrderRegex;
        }

        var choices = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (f.TryGetValue("choices", out var ch) && y.Map(ch.Value, "choices") is { } map)
        {
            foreach (var (key, value) in map.Children)
            {
                var choice = (key as YamlScalarNode)?.Value ?? "?";
                choices[choice] = YamlFields.IsNull(value) ? [] : y.Strings(value, $"synonyms of '{choice}'");
            }
        }
        else if (type == CaptureType.Choice)
        {
            y.Error(at, DiagnosticCodes.MissingField, $"the choice capture '{name}' has no 'choices'", "add 'choices:' with each choice and a list of synonyms, e.g. 'refund: [money back]'");
        }

        // A rating's choices are the scale's own words for its numbers ("5": [excellent]): nothing but 1 to 5.
        if (type == CaptureType.Rating && choices.Keys.FirstOrDefault(key => key is not ("1" or "2" or "3" or "4" or "5")) is { } notARating)
        {
            y.Error(ch!.Value, DiagnosticCodes.InvalidValue, $"the rating capture '{name}' lists words for '{notARating}', which is not a rating from 1 to 5", "key the rating's choices by the number they mean, e.g. '\"5\": [excellent]'");
        }

        var min = f.TryGetValue("min", out var mn) ? y.Number(mn.Value, "min") : null;
        var max = f.TryGetValue("max", out var mx) ? y.Number(mx.Value, "max") : null;
        return new CaptureSpec(name, type, pattern, choices, min, max, at);
    }

    private static List<BranchCase> ParseCases(YamlFields y, YamlNode node, string field)
    {
        var result = new List<BranchCase>();
        if (node is not YamlSequenceNode seq)
        {
            y.Error(node, DiagnosticCodes.InvalidValue, $"'{field}' must be a list of cases", "write each case as '- when: {...}' followed by 'goto: <node>'");
            return result;
        }

        foreach (var item in seq.Children)
        {
            if (y.Map(item, "a branch case") is not { } map)
            {
                continue;
            }

            var f = y.Fields(map, ["when", "goto", "before_decline"], "a branch case");
            if (!f.TryGetValue("when", out var when) || !f.TryGetValue("goto", out var go))
            {
                y.Error(map, DiagnosticCodes.MissingField, "a branch case needs both 'when' and 'goto'", "write '- when: { signal: complaint }' and on the next line 'goto: <node>'");
                continue;
            }

            var beforeDecline = false;
            if (f.TryGetValue("before_decline", out var bd))
            {
                if (field != "interrupt")
                {
                    y.Error(bd.Key, DiagnosticCodes.InvalidValue, "'before_decline' is for an ask node's interrupts", "remove it, or move the case under an ask node's 'interrupt:'");
                }

                beforeDecline = y.Bool(bd.Value, "before_decline") ?? false;
            }

            if (ParseCondition(y, when.Value) is { } condition && y.Link(go.Value, "goto") is { } link)
            {
                result.Add(new BranchCase(condition, link, beforeDecline));
            }
        }

        return result;
    }

    private static Condition? ParseCondition(YamlFields y, YamlNode node)
    {
        if (y.Map(node, "when") is not { } map)
        {
            return null;
        }

        var f = y.Fields(map, ConditionFields, "a condition");
        var condition = new Condition { Location = y.At(map) };
        foreach (var (name, (_, value)) in f)
        {
            condition = name switch
            {
                "public" => condition with { Public = y.Bool(value, name) },
                "signal" or "signals" => condition with { Signals = [.. condition.Signals, .. y.Strings(value, name)] },
                "sentiment" => condition with { Sentiment = y.Text(value, name) },
                "sentiment_below" => condition with { SentimentBelow = (double?)y.Number(value, name) },
                "sentiment_above" => condition with { SentimentAbove = (double?)y.Number(value, name) },
                "keywords" => condition with { Keywords = y.Strings(value, name) },
                "keywords_not" => condition with { KeywordsNot = y.Strings(value, name) },
                "has" => condition with { Has = y.Strings(value, name) },
                "missing" => condition with { Missing = y.Strings(value, name) },
                "business_hours" => condition with { BusinessHours = y.Bool(value, name) },
                "priority" => condition with { PriorityAtLeast = y.Enum(value, name, Priorities) },
                "language" => condition with { Language = ParseLanguages(y, value, name) },
                "language_not" => condition with { LanguageNot = ParseLanguages(y, value, name) },
                "words_at_least" => condition with { WordsAtLeast = y.PositiveInt(value, name) },
                "to_someone_else" => condition with { ToSomeoneElse = y.Bool(value, name) },
                "mentions" => condition with { Mentions = ParseMentions(y, value, condition.Location) },
                "integration" => condition with { Integration = y.Text(value, name) },
                _ => condition with { Captured = ParseStringMap(y, value, name) },
            };
        }

        return condition;
    }

    /// <summary>A value of a simple type, searched for without a pattern of the script's own.</summary>
    private static CaptureSpec SimpleSpec(string name, CaptureType type, SourceLocation at) =>
        new(name, type, type == CaptureType.OrderNumber ? DefaultOrderRegex : null, new Dictionary<string, IReadOnlyList<string>>(), null, null, at);

    /// <summary><c>mentions:</c>'s types: values a message can be searched for without a pattern of the script's own.</summary>
    private static List<CaptureSpec> ParseMentions(YamlFields y, YamlNode node, SourceLocation at)
    {
        var result = new List<CaptureSpec>();
        foreach (var written in y.Strings(node, "mentions"))
        {
            if (CaptureTypes.TryGetValue(written, out var type) && type is CaptureType.OrderNumber or CaptureType.Email or CaptureType.Phone)
            {
                result.Add(SimpleSpec(written, type, at));
            }
            else
            {
                y.Error(node, DiagnosticCodes.InvalidValue, $"'mentions' can't look for '{written}'", "name order_number, email or phone, e.g. 'mentions: [order_number]'");
            }
        }

        return result;
    }

    /// <summary>The brand's @handles, without '@' (letters, digits, '_' and '.', as Instagram and X allow).</summary>
    private static List<string> ParseHandles(YamlFields y, YamlNode node)
    {
        var result = new List<string>();
        foreach (var written in y.Strings(node, "handles"))
        {
            var handle = written.Trim().TrimStart('@');
            if (handle.Length > 0 && handle.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
            {
                result.Add(handle);
            }
            else
            {
                y.Error(node, DiagnosticCodes.InvalidValue, $"'{written}' is not an @handle", "write the brand's handles as they appear in posts, e.g. 'handles: [contoso, contoso_help]'");
            }
        }

        return result;
    }

    /// <summary>Language codes as triage reports them: ISO 639-1 (two letters) or <c>und</c> for unknown.</summary>
    private static List<string> ParseLanguages(YamlFields y, YamlNode node, string what)
    {
        var result = new List<string>();
        foreach (var code in y.Strings(node, what))
        {
            var normalized = code.Trim().ToLowerInvariant();
            if ((normalized.Length == 2 && normalized.All(char.IsAsciiLetterLower)) || normalized == "und")
            {
                result.Add(normalized);
            }
            else
            {
                y.Error(node, DiagnosticCodes.InvalidValue, $"'{code}' is not a language code", $"write an ISO 639-1 code such as 'en' or 'de', or 'und' for messages whose language triage could not tell, e.g. '{what}: [en, und]'");
            }
        }

        return result;
    }

    private static Dictionary<string, string> ParseStringMap(YamlFields y, YamlNode node, string what)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (y.Map(node, what) is { } map)
        {
            foreach (var (key, value) in map.Children)
            {
                if ((key as YamlScalarNode)?.Value is { } name && y.Text(value, name) is { } text)
                {
                    result[name] = text;
                }
            }
        }

        return result;
    }

    private static List<ScriptTest> ParseTests(YamlFields y, YamlNode node)
    {
        var result = new List<ScriptTest>();
        if (node is not YamlSequenceNode seq)
        {
            y.Error(node, DiagnosticCodes.InvalidValue, "'tests' must be a list", "write each test as '- name: ...' with 'steps:'");
            return result;
        }

        foreach (var item in seq.Children)
        {
            if (y.Map(item, "a test") is not { } map)
            {
                continue;
            }

            var f = y.Fields(map, ["name", "public", "user_name", "integrations", "steps"], "a test");
            var name = f.TryGetValue("name", out var n) ? y.Text(n.Value, "name") ?? "?" : $"test at line {map.Start.Line}";
            var isPublic = f.TryGetValue("public", out var p) && (y.Bool(p.Value, "public") ?? false);
            var user = f.TryGetValue("user_name", out var u) ? y.Text(u.Value, "user_name") ?? "Sam" : "Sam";
            var steps = new List<ScriptTestStep>();
            if (f.TryGetValue("steps", out var s) && s.Value is YamlSequenceNode stepSeq)
            {
                steps.AddRange(stepSeq.Children.Select(step => y.Map(step, "a test step")).Where(m => m is not null).Select(m => ParseStep(y, m!)));
            }
            else
            {
                y.Error(map, DiagnosticCodes.InvalidTest, $"the test '{name}' has no list of 'steps'", "add 'steps:' with items such as '- user: hello' and 'bot: hi'");
            }

            var integrations = f.TryGetValue("integrations", out var i) ? y.Strings(i.Value, "integrations") : [];
            foreach (var integration in integrations.Where(n => !LookupRules.IsIntegrationName(n)))
            {
                y.Error(i.Value, DiagnosticCodes.InvalidTest, $"'{integration}' is not an integration name", "name keys under 'Integrations:' in configuration, e.g. 'integrations: [orders]'");
            }

            result.Add(new ScriptTest(name, y.At(map), isPublic, user, steps) { Integrations = integrations });
        }

        return result;
    }

    private static ScriptTestStep ParseStep(YamlFields y, YamlMappingNode map)
    {
        var f = y.Fields(map, StepFields, "a test step");
        var step = new ScriptTestStep { Location = y.At(map) };
        if (f.ContainsKey("user") == f.ContainsKey("event"))
        {
            y.Error(map, DiagnosticCodes.InvalidTest, "a test step needs exactly one of 'user' or 'event'", "write '- user: what the customer says' or '- event: case.resolved'");
        }

        foreach (var (name, (_, value)) in f)
        {
            step = name switch
            {
                "user" => step with { User = y.Text(value, name) },
                "event" => step with { Event = y.Text(value, name) },
                "public" => step with { Public = y.Bool(value, name) },
                "sentiment" => step with { Sentiment = (double?)y.Number(value, name) },
                "signals" => step with { Signals = ParseSignals(y, value) },
                "priority" => step with { Priority = y.Enum(value, name, Priorities) },
                "now" => step with { Now = ParseNow(y, value) },
                "bot" => step with { Bot = y.Strings(value, name) },
                "not_bot" => step with { NotBot = y.Strings(value, name) },
                "no_reply" => step with { NoReply = y.Bool(value, name) ?? false },
                "node" => step with { Node = y.Text(value, name), NodeLocation = y.At(value) },
                "captured" => step with { Captured = ParseStringMap(y, value, name) },
                "language" => step with { Language = ParseLanguages(y, value, name).FirstOrDefault() },
                "lookup" => step with { Lookups = ParseLookupStubs(y, value) },
                _ => step with { Effects = y.Strings(value, name) },
            };
        }

        return step;
    }

    /// <summary>
    /// A step's lookup stubs, by lookup node id: a map of captured values (found), or <c>not_found</c> or <c>failed</c>.
    /// </summary>
    private static Dictionary<string, LookupStub> ParseLookupStubs(YamlFields y, YamlNode node)
    {
        var result = new Dictionary<string, LookupStub>(StringComparer.Ordinal);
        if (y.Map(node, "lookup") is not { } map)
        {
            return result;
        }

        foreach (var (key, value) in map.Children)
        {
            var nodeId = (key as YamlScalarNode)?.Value ?? "?";
            var at = y.At(key);
            if (value is YamlMappingNode)
            {
                result[nodeId] = new LookupStub(at, LookupStatus.Found, ParseStringMap(y, value, $"the values found by '{nodeId}'"));
                continue;
            }

            switch (y.Text(value, $"lookup {nodeId}"))
            {
                case "not_found":
                    result[nodeId] = new LookupStub(at, LookupStatus.NotFound, new Dictionary<string, string>());
                    break;
                case "failed":
                    result[nodeId] = new LookupStub(at, LookupStatus.Failed, new Dictionary<string, string>());
                    break;
                case { } other:
                    y.Error(value, DiagnosticCodes.InvalidValue, $"'{other}' is not a lookup answer", $"write the values found ('{nodeId}: {{ order_status: shipped }}'), or '{nodeId}: not_found', or '{nodeId}: failed'");
                    break;
            }
        }

        return result;
    }

    private static Dictionary<string, bool> ParseSignals(YamlFields y, YamlNode node)
    {
        var result = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        if (node is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                if ((key as YamlScalarNode)?.Value is { } name && y.Bool(value, name) is { } on)
                {
                    result[name] = on;
                }
            }
        }
        else
        {
            foreach (var name in y.Strings(node, "signals"))
            {
                result[name] = true;
            }
        }

        return result;
    }

    private static DateTimeOffset? ParseNow(YamlFields y, YamlNode node)
    {
        var text = y.Text(node, "now");
        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var now))
        {
            return now;
        }

        if (text is not null)
        {
            y.Error(node, DiagnosticCodes.InvalidValue, $"'{text}' is not a date and time", "write e.g. '2026-11-23T10:00:00Z'");
        }

        return null;
    }
}
