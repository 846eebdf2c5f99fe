using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.ScriptTests;
using CareBot.Dialogs.Validation;

namespace CareBot.Dialogs.Tests.Runtime;

/// <summary>Public replies: the language and new signal conditions, variant rotation, and two replies per public thread.</summary>
public class PublicReplyTests
{
    private const string Script = """
        dialog: t
        start: route
        nodes:
          - id: route
            branch:
              - when: { language_not: [en, und] }
                goto: person
              - when: { signal: praise }
                goto: thanks
              - when: { signal: question, language: en }
                goto: answer
            default: quiet
          - id: person
            end: "A person will answer."
          - id: thanks
            say: ["Thanks one", "Thanks two", "Thanks three"]
            next: quiet
          - id: answer
            end: "Here's the answer."
          - id: quiet
            end: ~
        """;

    private static TriageAnnotations Triage(string language = TriageAnnotations.UnknownLanguage, params string[] signals) =>
        TriageAnnotations.None with { Signals = new HashSet<string>(signals, StringComparer.OrdinalIgnoreCase), Language = language };

    [Theory]
    [InlineData("es", "A person will answer.")]
    [InlineData("en", "")]
    [InlineData("und", "")]
    public void LanguageNot_SendsOtherLanguagesToAPerson(string language, string expected) =>
        Assert.Equal(expected, string.Concat(TestScripts.Driver(Script).Say("hola", Triage(language)).Texts()));

    [Theory]
    [InlineData("en", "Here's the answer.")]
    [InlineData("und", "")]
    public void Language_HoldsOnlyForTheNamedLanguages(string language, string expected) =>
        Assert.Equal(expected, string.Concat(TestScripts.Driver(Script).Say("what time?", Triage(language, SignalNames.Question)).Texts()));

    [Fact]
    public void ALanguageThatIsNotACode_IsDLG005()
    {
        var diagnostics = TestScripts.Check(Script.Replace("[en, und]", "[english]", StringComparison.Ordinal)).Diagnostics;

        var d = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.InvalidValue, 6), (d.Code, d.Line));
    }

    [Fact]
    public void PraiseAndQuestion_AreKnownSignals() =>
        Assert.Empty(TestScripts.Check(Script).Diagnostics);

    [Fact]
    public void TheHostsRotation_PicksTheVariant_InsteadOfTheConversationsTurn()
    {
        var said = Enumerable.Range(0, 4).Select(rotation =>
            TestScripts.Driver(Script, isPublic: true).Send(new TurnInput { Text = "thanks!", Triage = Triage("en", SignalNames.Praise), VariantRotation = rotation }).Texts().Single()).ToList();

        Assert.Equal(["Thanks one", "Thanks two", "Thanks three", "Thanks one"], said);
    }

    [Fact]
    public void APublicThread_GetsTwoRepliesAtMost()
    {
        var driver = TestScripts.Driver(Script, isPublic: true);
        var praise = Triage("en", SignalNames.Praise);

        var replies = Enumerable.Range(0, 4).Select(_ => driver.Say("you're great", praise).Texts().Count).ToList();

        Assert.Equal([1, 1, 0, 0], replies);
        Assert.Equal(2, driver.PublicState!.PublicReplies);
    }

    [Fact]
    public void APrivateThread_HasNoSuchLimit()
    {
        var driver = TestScripts.Driver(Script);
        var praise = Triage("en", SignalNames.Praise);

        Assert.All(Enumerable.Range(0, 4), _ => Assert.Single(driver.Say("you're great", praise).Texts()));
    }

    [Fact]
    public async Task TheShippedCareDialog_SaysEveryPublicReplyInAtLeastFiveWays()
    {
        var registry = new ScriptRegistry();
        var result = await registry.LoadFolderAsync(Path.Combine(TestScripts.RepoRoot(), "dialogs"), CancellationToken.None);
        var care = result.Scripts.Single(s => s.Id == "care");

        // Every public text, named by the script's convention (public_...), including the answers to a later post.
        var publicTexts = care.Nodes.Where(n => n.Id.StartsWith("public_", StringComparison.Ordinal)).Select(node => (node.Id, Variants: node switch
        {
            TakeOfflineNode o => new[] { o.Say, o.Reminder },
            SayNode s => [s.Variants],
            EndNode e => [e.Say],
            _ => [],
        })).Where(n => n.Variants.Any(v => v.Count > 0)).ToList();

        Assert.Contains(publicTexts, n => n.Id == "public_language_fr");
        Assert.Contains(publicTexts, n => n.Id == "public_followup_sorted");
        foreach (var (id, variants) in publicTexts)
        {
            Assert.All(variants, v => Assert.True(v.Select(t => t.Text).Distinct().Count() >= 5, $"{id} has {v.Count} variants"));
        }
    }
}
