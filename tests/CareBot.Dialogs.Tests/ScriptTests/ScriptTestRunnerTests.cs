using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.ScriptTests;
using Moq;

namespace CareBot.Dialogs.Tests.ScriptTests;

public class ScriptTestRunnerTests
{
    private const string Script = """
        dialog: t
        start: b
        nodes:
          - id: b
            branch:
              - when: { signal: wantsHuman }
                goto: human
            default: bot
          - { id: human, end: "A person will help." }
          - { id: bot, end: "I can help." }
        tests:
          - name: wrong expectation
            steps:
              - user: hi
                bot: ["A person"]
        """;

    [Fact]
    public async Task AFailingExpectation_IsReportedWithItsPositionAndWhatTheBotSaid()
    {
        var registry = TestScripts.Registry(("t.yaml", Script));
        var script = registry.Current["t"];

        var result = await new ScriptTestRunner(registry).RunAsync(script, script.Tests[0], CancellationToken.None);

        Assert.False(result.Passed);
        var failure = Assert.Single(result.Failures);
        Assert.StartsWith("t.yaml:14:9: step 1", failure, StringComparison.Ordinal);
        Assert.Contains("\"I can help.\"", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAnnotator_SuppliesTriage_WhenTheStepStatesNone()
    {
        var registry = TestScripts.Registry(("t.yaml", Script));
        var script = registry.Current["t"];
        var annotator = new Mock<ITurnAnnotator>();
        annotator.Setup(a => a.AnnotateAsync("hi", It.IsAny<CancellationToken>()))
            .ReturnsAsync(TriageAnnotations.None with { Signals = new HashSet<string> { "wantsHuman" } });

        var result = await new ScriptTestRunner(registry, annotator.Object).RunAsync(script, script.Tests[0], CancellationToken.None);

        Assert.True(result.Passed, string.Join("\n", result.Failures));
    }

    [Fact]
    public void ExplicitStepValues_OverrideTheAnnotator()
    {
        var found = new TriageAnnotations(0.5, "positive", new HashSet<string> { "complaint" }, Priority.Normal);
        var step = new ScriptTestStep
        {
            Location = new SourceLocation("t.yaml", 1, 1),
            Sentiment = -0.7,
            Signals = new Dictionary<string, bool> { ["complaint"] = false, ["shouting"] = true },
            Priority = Priority.Urgent,
        };

        var result = ScriptTestRunner.Override(found, step);

        Assert.Equal((-0.7, "negative", Priority.Urgent), (result.Sentiment, result.SentimentLabel, result.Priority));
        Assert.Equal(["shouting"], result.Signals);
    }

    [Theory]
    [InlineData("Order AB-1 is late", "order ab-1", true)]
    [InlineData("Order AB-1 is late", "/order [a-z]{2}-\\d/", true)]
    [InlineData("Order AB-1 is late", "/^late/", false)]
    public void Matches_IsCaseInsensitiveSubstringOrRegex(string reply, string expected, bool matches) =>
        Assert.Equal(matches, ScriptTestRunner.Matches(reply, expected));
}
