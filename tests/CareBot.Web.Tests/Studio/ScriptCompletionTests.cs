using CareBot.Web.Studio;

namespace CareBot.Web.Tests.Studio;

/// <summary>The editor's completion table, read from the dialog schema CareBot ships.</summary>
public sealed class ScriptCompletionTests
{
    private static readonly ScriptCompletion Completion = ScriptCompletion.ForShippedSchema;

    [Fact]
    public void Every_node_kind_of_the_schema_is_offered_with_its_description()
    {
        Assert.Equal(["say", "ask", "extract", "listen", "branch", "offline", "handoff", "call", "lookup", "end"], Completion.NodeKinds.Select(k => k.Label));
        Assert.Contains("capture", Completion.NodeKinds.Single(k => k.Label == "ask").Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_keys_are_the_other_keys_of_every_kind_once_each()
    {
        var labels = Completion.NodeKeys.Select(k => k.Label).ToList();

        Assert.Contains("id", labels);
        Assert.Contains("next", labels);
        Assert.Contains("capture", labels);
        Assert.DoesNotContain("say", labels);
        Assert.Equal(labels.Count, labels.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Top_level_test_step_and_condition_keys_come_from_their_parts_of_the_schema()
    {
        Assert.Contains(Completion.RootKeys, k => k.Label == "nodes");
        Assert.Contains(Completion.RootKeys, k => k.Label == "tests");
        Assert.Contains(Completion.StepKeys, k => k.Label == "user");
        Assert.Contains(Completion.StepKeys, k => k.Label == "steps");
        Assert.Contains(Completion.ConditionKeys, k => k.Label == "signal");
        Assert.DoesNotContain(Completion.RootKeys, k => k.Label == "signal");
    }
}
