using System.Text.Json;
using CareBot.Dialogs.Loading;

namespace CareBot.Dialogs.Tests.Loading;

/// <summary>The JSON Schema editors use must accept exactly what the parser accepts.</summary>
public class SchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestScripts.RepoRoot(), "dialogs", "carebot-dialog.schema.json"))).RootElement;

    private static string[] Names(JsonElement properties) => properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Schema_TopLevelFields_MatchTheParser() =>
        Assert.Equal(ScriptParser.TopFields.Order(StringComparer.Ordinal), Names(Schema.GetProperty("properties")));

    [Fact]
    public void Schema_HasEveryNodeKind_WithTheParsersFields()
    {
        var nodes = Schema.GetProperty("definitions").GetProperty("node").GetProperty("oneOf").EnumerateArray().ToList();

        Assert.Equal(ScriptParser.Kinds.Order(StringComparer.Ordinal), nodes.Select(n => n.GetProperty("title").GetString()!).Order(StringComparer.Ordinal));
        foreach (var node in nodes)
        {
            var kind = node.GetProperty("title").GetString()!;
            Assert.Equal(ScriptParser.KindFields[kind].Order(StringComparer.Ordinal), Names(node.GetProperty("properties")));
        }
    }

    [Fact]
    public void Schema_ConditionsAndTestSteps_MatchTheParser()
    {
        var definitions = Schema.GetProperty("definitions");

        Assert.Equal(ScriptParser.ConditionFields.Order(StringComparer.Ordinal), Names(definitions.GetProperty("condition").GetProperty("properties")));
        Assert.Equal(ScriptParser.StepFields.Order(StringComparer.Ordinal), Names(definitions.GetProperty("step").GetProperty("properties")));
    }

    [Fact]
    public void Schema_CaptureTypes_MatchTheParser()
    {
        var ask = Schema.GetProperty("definitions").GetProperty("node").GetProperty("oneOf").EnumerateArray().Single(n => n.GetProperty("title").GetString() == "ask");
        var types = ask.GetProperty("properties").GetProperty("type").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);

        Assert.Equal(ScriptParser.CaptureTypes.Keys.Order(StringComparer.Ordinal), types.Order(StringComparer.Ordinal));
    }
}
