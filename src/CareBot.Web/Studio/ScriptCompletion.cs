using System.Text.Json;

namespace CareBot.Web.Studio;

/// <summary>
/// What the studio editor offers at the cursor, read from <c>dialogs/carebot-dialog.schema.json</c> (embedded at build):
/// the top-level keys, the node kinds (each a key that starts a node: <c>say</c>, <c>ask</c>, ...), the keys of any node,
/// the keys of a test step and of a <c>when:</c> condition. Monaco's YAML mode has no schema support; this table and the
/// small provider in <c>studio-editor.js</c> (which picks the list from the line's indentation and the section it is in)
/// are enough for "what can I write here", not a full schema validation (the server's validator does that).
/// </summary>
public sealed record ScriptCompletion(
    IReadOnlyList<CompletionKey> RootKeys,
    IReadOnlyList<CompletionKey> NodeKinds,
    IReadOnlyList<CompletionKey> NodeKeys,
    IReadOnlyList<CompletionKey> StepKeys,
    IReadOnlyList<CompletionKey> ConditionKeys)
{
    private static readonly Lazy<ScriptCompletion> Shipped = new(() =>
    {
        using var stream = typeof(ScriptCompletion).Assembly.GetManifestResourceStream("CareBot.Web.Studio.carebot-dialog.schema.json")
            ?? throw new InvalidOperationException("The dialog schema is not embedded in CareBot.Web; check the csproj's EmbeddedResource.");
        using var schema = JsonDocument.Parse(stream);
        return FromSchema(schema.RootElement);
    });

    /// <summary>The completion table of the schema shipped with this build.</summary>
    public static ScriptCompletion ForShippedSchema => Shipped.Value;

    /// <summary>Reads the table from a dialog schema (the shape of <c>carebot-dialog.schema.json</c>).</summary>
    public static ScriptCompletion FromSchema(JsonElement schema)
    {
        var definitions = schema.GetProperty("definitions");
        var kinds = definitions.GetProperty("node").GetProperty("oneOf").EnumerateArray().ToList();
        var nodeKinds = kinds
            .Select(k => (Kind: k.GetProperty("title").GetString()!, Properties: k.GetProperty("properties")))
            .Select(k => new CompletionKey(k.Kind, DescriptionOf(k.Properties, k.Kind)))
            .ToList();
        var nodeKeys = kinds
            .SelectMany(k => PropertiesOf(k.GetProperty("properties")))
            .Where(item => nodeKinds.All(kind => kind.Label != item.Label))
            .GroupBy(item => item.Label, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        var testProperties = schema.GetProperty("properties").GetProperty("tests").GetProperty("items").GetProperty("properties");
        return new ScriptCompletion(
            PropertiesOf(schema.GetProperty("properties")),
            nodeKinds,
            nodeKeys,
            [.. PropertiesOf(testProperties), .. PropertiesOf(definitions.GetProperty("step").GetProperty("properties"))],
            PropertiesOf(definitions.GetProperty("condition").GetProperty("properties")));
    }

    private static List<CompletionKey> PropertiesOf(JsonElement properties) =>
        [.. properties.EnumerateObject().Select(p => new CompletionKey(p.Name, DescriptionOf(properties, p.Name)))];

    private static string DescriptionOf(JsonElement properties, string name) =>
        properties.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.Object && property.TryGetProperty("description", out var description)
            ? description.GetString() ?? string.Empty
            : string.Empty;
}
