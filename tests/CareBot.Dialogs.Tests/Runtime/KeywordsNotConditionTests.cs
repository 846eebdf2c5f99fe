namespace CareBot.Dialogs.Tests.Runtime;

/// <summary>
/// <c>keywords_not:</c> lets a script tell good news from a message that goes on: "never mind, it just arrived" ends
/// the questions, "it just arrived but the screen is cracked" must not.
/// </summary>
public class KeywordsNotConditionTests
{
    private const string Script = """
        dialog: t
        start: route
        nodes:
          - id: route
            branch:
              - when: { keywords: [it arrived, it just arrived], keywords_not: [but, broken] }
                goto: sorted
            default: story
          - id: sorted
            end: "Glad it's sorted."
          - id: story
            end: "Tell me more."
        """;

    [Theory]
    [InlineData("never mind, it just arrived", "Glad it's sorted.")]
    [InlineData("oh it arrived!", "Glad it's sorted.")]
    [InlineData("it just arrived but the screen is cracked", "Tell me more.")]
    [InlineData("It arrived BROKEN", "Tell me more.")]
    [InlineData("it arrived, butter everywhere", "Glad it's sorted.")]
    [InlineData("still waiting", "Tell me more.")]
    public void KeywordsNot_StopsAConditionWhoseWordsAreThere(string text, string expected) =>
        Assert.Equal([expected], TestScripts.Driver(Script).Say(text).Texts());

    [Fact]
    public void TheScriptAsWritten_HasNoDiagnostics() => Assert.Empty(TestScripts.Check(Script).Diagnostics);

    [Fact]
    public void KeywordsNotThatIsNotWords_IsAnError() =>
        Assert.NotEmpty(TestScripts.Errors(Script.Replace("keywords_not: [but, broken]", "keywords_not: { but: 1 }", StringComparison.Ordinal)));
}
