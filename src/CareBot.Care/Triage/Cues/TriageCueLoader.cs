using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CareBot.Care.Triage.Cues;

/// <summary>
/// Reads and validates the triage cue file. Like dialog scripts, a file with any problem is rejected as a whole, with
/// every problem reported by file, line and column and a hint; nothing is silently corrected.
/// </summary>
public static class TriageCueLoader
{
    /// <summary>The name of the embedded copy of dialogs/settings/triage.yaml.</summary>
    public const string EmbeddedSource = "embedded:triage.yaml";

    private const RegexOptions PatternOptions = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>Bounds every match so that a careless pattern cannot stall a turn.</summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private static readonly string[] TopLevelKeys = ["version", "words", "signals", "shouting", "pii", "priority"];

    /// <summary>A word list used in a pattern: <c>{{thanks}}</c>.</summary>
    private static readonly Regex WordListReference = new(@"\{\{\s*(?<name>[^{}]*?)\s*\}\}", RegexOptions.CultureInvariant);

    /// <summary>What a word list may be called under <c>words:</c>.</summary>
    private static readonly Regex WordListName = new("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
    private static readonly string[] SignalNames = ["complaint", "urgency", "churn", "wantsHuman", "wantsPrivacy"];
    private static readonly string[] SignalKeys = ["maxCompound", "unless", "cues"];
    private static readonly string[] CueKeys = ["reason", "patterns", "unless", "urgent"];
    private static readonly string[] ShoutingKeys = ["minLetters", "capitalShare", "minCapitalWords", "repeatedMarks"];
    private static readonly string[] PiiKeys = ["orderNumber", "address"];
    private static readonly string[] PriorityKeys = ["highAngerIntensity", "negativeCompound"];

    /// <summary>Loads the cue file at <paramref name="path"/>.</summary>
    public static TriageCues LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TriageCueException(
                [new TriageCueDiagnostic(path, 0, 0, $"The cue file cannot be read: {ex.Message}", "Check the path in Triage:CuesPath and the file's permissions.")]);
        }

        return Parse(yaml, path);
    }

    /// <summary>Loads the copy of dialogs/settings/triage.yaml embedded in this assembly.</summary>
    public static TriageCues LoadEmbedded()
    {
        var assembly = typeof(TriageCueLoader).Assembly;
        using var stream = assembly.GetManifestResourceStream("CareBot.Care.Triage.triage.yaml")
            ?? throw new InvalidOperationException("The embedded triage cue file is missing from CareBot.Care.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), EmbeddedSource);
    }

    /// <summary>Parses and validates cue file text; <paramref name="file"/> names it in diagnostics.</summary>
    public static TriageCues Parse(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        var context = new Context(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new TriageCueException(
                [new TriageCueDiagnostic(file, (int)ex.Start.Line, (int)ex.Start.Column, $"The YAML is malformed: {ex.InnerException?.Message ?? ex.Message}", "Check indentation and quoting; quote patterns with single quotes.")]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            context.Error(stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode, "The cue file must be a mapping with keys version, signals, shouting, pii and priority.", "Start from the file shipped in dialogs/settings/triage.yaml.");
            throw new TriageCueException(context.Diagnostics);
        }

        context.CheckKeys(root, TopLevelKeys, "the top level");
        var version = context.Int(root, "version", 1, 1, required: true);
        if (version is not null and not 1)
        {
            context.Error(root.Children[new YamlScalarNode("version")], $"Unsupported cue file version {version}.", "Use version: 1.");
        }

        ReadWordLists(context, context.Mapping(root, "words", required: false));
        var signals = context.Mapping(root, "signals", required: true);
        if (signals is not null)
        {
            context.CheckKeys(signals, SignalNames, "signals");
        }

        var shouting = context.Mapping(root, "shouting", required: true);
        if (shouting is not null)
        {
            context.CheckKeys(shouting, ShoutingKeys, "shouting");
        }

        var pii = context.Mapping(root, "pii", required: true);
        if (pii is not null)
        {
            context.CheckKeys(pii, PiiKeys, "pii");
        }

        var priority = context.Mapping(root, "priority", required: true);
        if (priority is not null)
        {
            context.CheckKeys(priority, PriorityKeys, "priority");
        }

        var cues = new TriageCues
        {
            Complaint = ReadSignal(context, signals, "complaint"),
            Urgency = ReadSignal(context, signals, "urgency"),
            Churn = ReadSignal(context, signals, "churn"),
            WantsHuman = ReadSignal(context, signals, "wantsHuman"),
            WantsPrivacy = ReadSignal(context, signals, "wantsPrivacy"),
            Shouting = new ShoutingCues(
                context.Int(shouting, "minLetters", 1, 10_000, required: true) ?? 0,
                context.Number(shouting, "capitalShare", 0, 1, required: true) ?? 0,
                context.Int(shouting, "minCapitalWords", 1, 1000, required: true) ?? 0,
                context.Int(shouting, "repeatedMarks", 2, 100, required: true) ?? 0),
            Priority = new PriorityCues(
                context.Number(priority, "highAngerIntensity", 0, 1, required: true) ?? 0,
                context.Number(priority, "negativeCompound", -1, 0, required: true) ?? 0),
            OrderNumber = context.Pattern(pii, "orderNumber", required: true) ?? new Regex("(?!)"),
            Address = context.Pattern(pii, "address", required: false),
            Source = file,
        };

        if (context.Diagnostics.Count > 0)
        {
            throw new TriageCueException(context.Diagnostics);
        }

        SignalCues[] all = [cues.Complaint, cues.Urgency, cues.Churn, cues.WantsHuman, cues.WantsPrivacy];
        var prefilter = CuePrefilter.For(all.SelectMany(signal => signal.Unless.Concat(signal.Cues.SelectMany(cue => cue.Patterns.Concat(cue.Unless)))));
        return cues with
        {
            Prefilter = prefilter,
            Complaint = WithCompiledPatterns(cues.Complaint, prefilter),
            Urgency = WithCompiledPatterns(cues.Urgency, prefilter),
            Churn = WithCompiledPatterns(cues.Churn, prefilter),
            WantsHuman = WithCompiledPatterns(cues.WantsHuman, prefilter),
            WantsPrivacy = WithCompiledPatterns(cues.WantsPrivacy, prefilter),
        };
    }

    /// <summary>
    /// Gives a valid signal's patterns their compiled, warmed twins (see <see cref="Cues.CompiledPatterns"/>) and their
    /// slots in the literal prefilter; the interpreted patterns stay for diagnostics and as the fallback.
    /// </summary>
    private static SignalCues WithCompiledPatterns(SignalCues signal, CuePrefilter prefilter) =>
        signal with
        {
            Cues = signal.Cues.Select(cue => cue with
            {
                CompiledPatterns = CompiledPatterns.For(cue.Patterns, prefilter),
                CompiledUnless = CompiledPatterns.For(cue.Unless, prefilter),
            }).ToList(),
            CompiledUnless = CompiledPatterns.For(signal.Unless, prefilter),
        };

    /// <summary>
    /// Reads <c>words:</c>, named lists of words and phrases that patterns share as <c>{{name}}</c> ("thanks", "thank
    /// you", "cheers" ...), so that one list is kept in one place. Each entry is itself a pattern; a list cannot use
    /// another list.
    /// </summary>
    private static void ReadWordLists(Context context, YamlMappingNode? words)
    {
        if (words is null)
        {
            return;
        }

        foreach (var (key, value) in words.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!WordListName.IsMatch(name))
            {
                context.Error(key, $"'{name}' is not a word list name.", "Start with a letter and use letters, digits and _ only, e.g. thanks or problem_words.");
                continue;
            }

            if (value is not YamlSequenceNode entries || entries.Children.Count == 0)
            {
                context.Error(value, $"The word list '{name}' must be a list with at least one entry.", $"Write {name}: ['first', 'second'].");
                continue;
            }

            var alternatives = new List<string>();
            foreach (var entry in entries.Children)
            {
                if (entry is not YamlScalarNode { Value: { Length: > 0 } text })
                {
                    context.Error(entry, $"Each entry of the word list '{name}' must be a word, a phrase or a pattern.", "Write one quoted entry per item.");
                }
                else if (WordListReference.IsMatch(text))
                {
                    context.Error(entry, $"The word list '{name}' uses another list ('{text}').", "Write the words out: a list cannot use another list.");
                }
                else if (context.Create(entry, text, text) is not null)
                {
                    alternatives.Add(text);
                }
            }

            context.WordLists[name] = "(?:" + string.Join("|", alternatives) + ")";
        }
    }

    private static SignalCues ReadSignal(Context context, YamlMappingNode? signals, string name)
    {
        var signal = context.Mapping(signals, name, required: true);
        if (signal is null)
        {
            return SignalCues.Empty;
        }

        context.CheckKeys(signal, SignalKeys, $"signals.{name}");
        var maxCompound = context.Number(signal, "maxCompound", -1, 1, required: false);
        var list = new List<Cue>();
        if (context.Sequence(signal, "cues", required: true) is { } sequence)
        {
            foreach (var item in sequence.Children)
            {
                if (item is not YamlMappingNode cue)
                {
                    context.Error(item, $"Each cue of signals.{name} must be a mapping with reason and patterns.", "Write '- reason: ...' followed by an indented 'patterns:' list.");
                    continue;
                }

                context.CheckKeys(cue, CueKeys, $"a cue of signals.{name}");
                var reason = context.String(cue, "reason", required: true) ?? string.Empty;
                var patterns = context.Patterns(cue, "patterns", required: true);
                if (patterns.Count == 0 && context.Diagnostics.Count == 0)
                {
                    context.Error(cue, $"The cue '{reason}' of signals.{name} has no patterns.", "Give at least one pattern, or remove the cue.");
                }

                var urgent = context.Bool(cue, "urgent") ?? false;
                if (urgent && name != "urgency")
                {
                    // Only urgency's urgent cues make a message urgent (and fire the safety signal); elsewhere the key
                    // would be ignored, and nothing in this file is ignored silently.
                    context.Error(cue, $"'urgent' is only read on cues of signals.urgency, not signals.{name}.", "Move the cue (or a copy of its patterns, with an &anchor) to signals.urgency.");
                }

                list.Add(new Cue(reason, patterns, context.Patterns(cue, "unless", required: false), urgent));
            }
        }

        return new SignalCues(list, maxCompound, context.Patterns(signal, "unless", required: false));
    }

    /// <summary>Collects diagnostics while reading typed values out of YAML nodes.</summary>
    private sealed class Context(string file)
    {
        public List<TriageCueDiagnostic> Diagnostics { get; } = [];

        /// <summary>The <c>words:</c> lists, each as a non-capturing group of its entries.</summary>
        public Dictionary<string, string> WordLists { get; } = new(StringComparer.Ordinal);

        public void Error(YamlNode? node, string message, string hint) =>
            Diagnostics.Add(new TriageCueDiagnostic(file, (int)(node?.Start.Line ?? 1), (int)(node?.Start.Column ?? 1), message, hint));

        public void CheckKeys(YamlMappingNode mapping, string[] allowed, string where)
        {
            foreach (var key in mapping.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value;
                if (name is null || Array.IndexOf(allowed, name) < 0)
                {
                    Error(key, $"Unknown key '{name}' in {where}.", $"Allowed keys: {string.Join(", ", allowed)} (names are case-sensitive).");
                }
            }
        }

        public YamlMappingNode? Mapping(YamlMappingNode? parent, string key, bool required) =>
            Get<YamlMappingNode>(parent, key, required, "a mapping");

        public YamlSequenceNode? Sequence(YamlMappingNode? parent, string key, bool required) =>
            Get<YamlSequenceNode>(parent, key, required, "a list");

        public string? String(YamlMappingNode? parent, string key, bool required)
        {
            var node = Get<YamlScalarNode>(parent, key, required, "text");
            if (node is not null && string.IsNullOrWhiteSpace(node.Value))
            {
                Error(node, $"'{key}' must not be empty.", "Write a short reason a human can read, e.g. 'order not delivered'.");
            }

            return node?.Value;
        }

        public bool? Bool(YamlMappingNode parent, string key)
        {
            var node = Get<YamlScalarNode>(parent, key, required: false, "true or false");
            if (node is null)
            {
                return null;
            }

            if (bool.TryParse(node.Value, out var value))
            {
                return value;
            }

            Error(node, $"'{key}' must be true or false, not '{node.Value}'.", "Write true or false.");
            return null;
        }

        public int? Int(YamlMappingNode? parent, string key, int min, int max, bool required)
        {
            var node = Get<YamlScalarNode>(parent, key, required, "a whole number");
            if (node is null)
            {
                return null;
            }

            if (int.TryParse(node.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            Error(node, $"'{key}' must be a whole number from {min} to {max}, not '{node.Value}'.", $"Write a number between {min} and {max}.");
            return null;
        }

        public double? Number(YamlMappingNode? parent, string key, double min, double max, bool required)
        {
            var node = Get<YamlScalarNode>(parent, key, required, "a number");
            if (node is null)
            {
                return null;
            }

            if (double.TryParse(node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            Error(node, $"'{key}' must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{node.Value}'.", "Use a dot for decimals, e.g. 0.6.");
            return null;
        }

        public Regex? Pattern(YamlMappingNode? parent, string key, bool required)
        {
            var node = Get<YamlScalarNode>(parent, key, required, "a regular expression");
            return node is null ? null : Compile(node);
        }

        public List<Regex> Patterns(YamlMappingNode parent, string key, bool required)
        {
            var patterns = new List<Regex>();
            if (Sequence(parent, key, required) is not { } sequence)
            {
                return patterns;
            }

            foreach (var item in sequence.Children)
            {
                if (item is YamlScalarNode scalar)
                {
                    if (Compile(scalar) is { } regex)
                    {
                        patterns.Add(regex);
                    }
                }
                else
                {
                    Error(item, $"Each entry of '{key}' must be one regular expression.", "Write one quoted pattern per '- ' line.");
                }
            }

            return patterns;
        }

        private Regex? Compile(YamlScalarNode node)
        {
            if (string.IsNullOrEmpty(node.Value))
            {
                Error(node, "A pattern must not be empty (it would match every message).", "Remove the entry or write a pattern.");
                return null;
            }

            var unknown = WordListReference.Matches(node.Value).Select(m => m.Groups["name"].Value).FirstOrDefault(name => !WordLists.ContainsKey(name));
            if (unknown is not null)
            {
                Error(node, $"The pattern uses the word list '{{{{{unknown}}}}}', which 'words:' does not define.", WordLists.Count == 0
                    ? "Define it under 'words:' at the top of the cue file, or write the words out."
                    : $"Known word lists: {string.Join(", ", WordLists.Keys.Order(StringComparer.Ordinal))} (names are case-sensitive).");
                return null;
            }

            return Create(node, node.Value, WordListReference.Replace(node.Value, m => WordLists[m.Groups["name"].Value]));
        }

        /// <summary>The regular expression <paramref name="pattern"/> (written as <paramref name="written"/>), or null with a diagnostic at <paramref name="node"/>.</summary>
        public Regex? Create(YamlNode node, string written, string pattern)
        {
            try
            {
                return new Regex(pattern, PatternOptions, MatchTimeout);
            }
            catch (ArgumentException ex)
            {
                Error(node, $"Invalid regular expression '{written}': {ex.Message}", "Patterns are .NET regular expressions; in single quotes a backslash needs no escaping, and a literal ( ) [ ] . ? needs one.");
                return null;
            }
        }

        private T? Get<T>(YamlMappingNode? parent, string key, bool required, string kind)
            where T : YamlNode
        {
            if (parent is null)
            {
                return null;
            }

            if (!parent.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                if (required)
                {
                    Error(parent, $"Missing '{key}'.", $"Add '{key}:' with {kind}; see the comments in the shipped dialogs/settings/triage.yaml.");
                }

                return null;
            }

            if (node is T typed)
            {
                return typed;
            }

            Error(node, $"'{key}' must be {kind}.", $"Write '{key}:' followed by {kind}.");
            return null;
        }
    }
}
