using System.Globalization;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Templates;
using CareBot.Dialogs.Validation;
using YamlDotNet.RepresentationModel;

namespace CareBot.Dialogs.Loading;

/// <summary>Reads typed values out of YAML nodes, reporting shape errors with their position instead of throwing.</summary>
internal sealed class YamlFields(string file, List<Diagnostic> diagnostics)
{
    public string File => file;

    public SourceLocation At(YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    public void Error(YamlNode node, string code, string message, string hint) =>
        diagnostics.Add(Diagnostic.Error(At(node), code, message, hint));

    public void Error(SourceLocation at, string code, string message, string hint) =>
        diagnostics.Add(Diagnostic.Error(at, code, message, hint));

    /// <summary>The mapping's fields by name, reporting unknown ones.</summary>
    public Dictionary<string, (YamlNode Key, YamlNode Value)> Fields(YamlMappingNode map, IReadOnlyCollection<string> allowed, string what)
    {
        var fields = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!allowed.Contains(name))
            {
                Error(key, DiagnosticCodes.UnknownField, $"unknown field '{name}' in {what}", $"{what} accepts: {string.Join(", ", allowed)}{Suggest(name, allowed)}");
                continue;
            }

            fields[name] = (key, value);
        }

        return fields;
    }

    public static string Suggest(string name, IEnumerable<string> known)
    {
        var best = known.Select(k => (k, d: Distance(name, k))).OrderBy(x => x.d).FirstOrDefault();
        return best.k is not null && best.d <= 2 ? $"; did you mean '{best.k}'?" : string.Empty;
    }

    /// <summary>The value of the mapping's field of that name, or null; no error when it is missing.</summary>
    public static YamlNode? Find(YamlMappingNode map, string field) =>
        map.Children.FirstOrDefault(kv => (kv.Key as YamlScalarNode)?.Value == field).Value;

    public YamlMappingNode? Map(YamlNode node, string what)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }

        Error(node, DiagnosticCodes.InvalidValue, $"{what} must be a mapping of fields", "write 'field: value' pairs, one per line, indented under it");
        return null;
    }

    public string? Text(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value } && !IsNull(node))
        {
            return value;
        }

        Error(node, DiagnosticCodes.InvalidValue, $"{what} must be a single text value", $"write '{what}: some text'");
        return null;
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    /// <summary>A text or a list of texts.</summary>
    public IReadOnlyList<string> Strings(YamlNode node, string what)
    {
        if (node is YamlSequenceNode seq)
        {
            return seq.Children.Select(child => Text(child, what)).Where(s => s is not null).Select(s => s!).ToList();
        }

        return Text(node, what) is { } one ? [one] : [];
    }

    /// <summary>A text or a list of texts to say, with their placeholders.</summary>
    public IReadOnlyList<Template> Templates(YamlNode node, string what)
    {
        if (IsNull(node))
        {
            return [];
        }

        var nodes = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
        var result = new List<Template>();
        foreach (var item in nodes)
        {
            if (Text(item, what) is { } text)
            {
                result.Add(new Template(text, At(item), Placeholders.Find(text)));
            }
        }

        return result;
    }

    public bool? Bool(YamlNode node, string what)
    {
        var text = Text(node, what);
        switch (text?.ToUpperInvariant())
        {
            case null: return null;
            case "TRUE" or "YES" or "ON": return true;
            case "FALSE" or "NO" or "OFF": return false;
            default:
                Error(node, DiagnosticCodes.InvalidValue, $"{what} must be true or false, not '{text}'", $"write '{what}: true' or '{what}: false'");
                return null;
        }
    }

    public decimal? Number(YamlNode node, string what)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(node, DiagnosticCodes.InvalidValue, $"{what} must be a number, not '{text}'", $"write a number such as '{what}: 3'");
        return null;
    }

    public int? PositiveInt(YamlNode node, string what)
    {
        var value = Number(node, what);
        if (value is null)
        {
            return null;
        }

        if (value < 1 || value != decimal.Truncate(value.Value) || value > 1000)
        {
            Error(node, DiagnosticCodes.InvalidValue, $"{what} must be a whole number from 1 to 1000, not '{value}'", $"write e.g. '{what}: 3'");
            return null;
        }

        return (int)value;
    }

    public NodeLink? Link(YamlNode node, string field) =>
        Text(node, field) is { } target ? new NodeLink(target, At(node), field) : null;

    public T? Enum<T>(YamlNode node, string what, IReadOnlyDictionary<string, T> names)
        where T : struct
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (names.TryGetValue(text.Trim().ToLowerInvariant(), out var value))
        {
            return value;
        }

        Error(node, DiagnosticCodes.InvalidValue, $"unknown {what} '{text}'", $"use one of: {string.Join(", ", names.Keys)}{Suggest(text, names.Keys)}");
        return null;
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            }
        }

        return d[a.Length, b.Length];
    }
}
