using CareBot.Care.Bot;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;
using CareBot.Dialogs;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.ScriptTests;
using CareBot.Testing.Repository;

namespace CareBot.Care.Tests.Bot;

/// <summary>
/// Every test conversation embedded in the shipped dialogs passes with the real triage deciding the signals, exactly as
/// the live bot and `dotnet run --project src/CareBot.Server -- test` run them (one theory case per conversation).
/// </summary>
public sealed class ShippedDialogConversationTests
{
    private static readonly Lazy<(ScriptRegistry Registry, ScriptSetResult Result)> Shipped = new(() =>
    {
        var registry = new ScriptRegistry();
        var result = registry.LoadFolderAsync(RepositoryRoot.Combine("dialogs"), CancellationToken.None).GetAwaiter().GetResult();
        return (registry, result);
    });

    private static readonly TriageAnnotator Annotator = new(new TriageService(
        new VaderSentimentAnalyzer(),
        TriageCueLoader.LoadFile(RepositoryRoot.Combine("dialogs", "settings", "triage.yaml"))));

    public static TheoryData<string, string> EmbeddedTests()
    {
        var data = new TheoryData<string, string>();
        foreach (var script in Shipped.Value.Result.Scripts)
        {
            foreach (var test in script.Tests)
            {
                data.Add(script.Id, test.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EmbeddedTests))]
    public async Task Embedded_test_conversation_passes_with_real_triage(string scriptId, string testName)
    {
        var (registry, result) = Shipped.Value;
        var script = result.Scripts.Single(s => s.Id == scriptId);
        var test = script.Tests.Single(t => t.Name == testName);

        var outcome = await new ScriptTestRunner(registry, Annotator).RunAsync(script, test, CancellationToken.None);

        Assert.True(outcome.Passed, string.Join(Environment.NewLine, outcome.Failures.Concat(outcome.Transcript)));
    }

    // The script tests cannot say "nothing captured": the case of "Thanks to Dave for nothing, he hung up on me twice"
    // recorded staff_praise = "Thanks to" for the agent to read (2026-12-07 trial).
    [Fact]
    public async Task Sarcastic_thanks_to_a_named_person_records_no_praise_for_them()
    {
        const string post = "Thanks to Dave for nothing, he hung up on me twice";
        var driver = new ConversationDriver(new DialogRuntime(Shipped.Value.Registry), "care", startPublic: true);

        driver.Say(post, await Annotator.AnnotateAsync(post, CancellationToken.None));

        Assert.Equal("Dave", driver.PrivateState!.Captured["staff"].Text);
        Assert.False(driver.PrivateState.Captured.ContainsKey("staff_praise"));
    }
}
