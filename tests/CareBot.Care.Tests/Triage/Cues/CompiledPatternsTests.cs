using System.Text.RegularExpressions;
using CareBot.Care.Tests.Triage.DevSet;
using CareBot.Care.Tests.Triage.Vader;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Care.Tests.Triage.Cues;

/// <summary>
/// The compiled, warmed twins of the cue patterns (the triage fast path) must change nothing but the time: the same
/// signals, the same reasons in the same order, the same priority as the interpreted patterns that ran before.
/// </summary>
public sealed class CompiledPatternsTests
{
    private const string Cues = """
        version: 1
        signals:
          complaint:
            cues:
              - reason: repeated word
                patterns: ['\b(\w+) \1\b']
              - reason: late
                patterns: ['\blate\b', '\bdelayed\b']
          urgency: { cues: [] }
          churn: { cues: [] }
          wantsHuman: { cues: [] }
          wantsPrivacy: { cues: [] }
        shouting: { minLetters: 10, capitalShare: 0.7, minCapitalWords: 2, repeatedMarks: 3 }
        pii: { orderNumber: '#(?<number>\d{5,})' }
        priority: { highAngerIntensity: 0.6, negativeCompound: -0.3 }
        """;

    [Fact]
    public async Task Compiled_cues_triage_the_dev_set_and_the_VADER_tweets_exactly_as_the_interpreted_ones()
    {
        var compiled = TriageCueLoader.LoadEmbedded();
        await compiled.CompileAllAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.All(Signals(compiled), signal =>
        {
            Assert.True(signal.CompiledUnless!.AllCompiled);
            Assert.All(signal.Cues, cue => Assert.True(cue.CompiledPatterns!.AllCompiled));
        });
        var analyzer = new VaderSentimentAnalyzer();
        var fast = new TriageService(analyzer, compiled);
        var interpreted = new TriageService(analyzer, compiled.WithoutCompiledPatterns());
        var texts = DevSetMetricsTests.Load().Select(item => item.Text)
            .Concat(GroundTruth.Load().Where(text => text.Dataset == "tweets").Select(text => text.Text))
            .ToList();

        var fired = 0;
        foreach (var text in texts)
        {
            var sentiment = analyzer.Analyze(text);
            var expected = interpreted.Triage(text, sentiment);
            var actual = fast.Triage(text, sentiment);

            Assert.Equal(Describe(expected), Describe(actual));
            fired += Signals(expected).Any(signal => signal.Detected) ? 1 : 0;
        }

        Assert.True(texts.Count > 4000, $"only {texts.Count} texts were compared");
        Assert.True(fired > 1000, $"only {fired} texts fired a cue signal: the comparison says little");
    }

    [Fact]
    public async Task A_pattern_gets_its_compiled_twin_only_once_messages_reach_it_often()
    {
        // A pattern no other test uses, so no twin of it can be compiled in this process yet.
        var fresh = $@"'\blate\b|\blate{Guid.NewGuid():N}\b'";
        var cues = TriageCueLoader.Parse(Cues.Replace(@"'\blate\b'", fresh, StringComparison.Ordinal), "fresh.yaml");
        var late = cues.Complaint.Cues.Single(cue => cue.Reason == "late").CompiledPatterns!;

        for (var run = 1; run < CompiledPatterns.HotAfter; run++)
        {
            Assert.Equal(["late: \"late\""], Complaint(cues, "now late").Reasons);
        }

        Assert.False(late.IsCompiled(0));
        Assert.Equal(["late: \"late\""], Complaint(cues, "now late").Reasons);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!late.IsCompiled(0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(late.IsCompiled(0));
        Assert.False(late.IsCompiled(1)); // "delayed" never ran
        Assert.Equal(["late: \"late\""], Complaint(cues, "now late").Reasons);
    }

    [Fact]
    public async Task Every_twin_is_in_place_once_the_cues_say_they_are_compiled()
    {
        var cues = TriageCueLoader.Parse(Cues, "compiled.yaml");

        await cues.CompileAllAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.All(cues.Complaint.Cues, cue => Assert.True(cue.CompiledPatterns!.AllCompiled));
    }

    [Fact]
    public async Task A_twin_that_cannot_be_placed_fails_its_own_task_and_the_compiler_thread_goes_on()
    {
        var word = $"fails{Guid.NewGuid():N}"; // a pattern no other test compiles
        var pattern = new Regex($@"\b{word}\b");

        var failed = PatternCompiler.Compile([pattern], (_, _) => throw new InvalidOperationException("no slot"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failed.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal("no slot", error.Message);
        Regex? placed = null;
        await PatternCompiler.Compile([pattern], (_, twin) => placed = twin).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Matches(placed!, $"it {word} here");
        Assert.True(placed!.Options.HasFlag(RegexOptions.Compiled));
    }

    [Fact]
    public void A_cue_quotes_its_first_pattern_that_matches_even_when_a_later_one_matches_earlier_in_the_text()
    {
        var cues = TriageCueLoader.Parse(Cues, "compiled.yaml");

        Assert.Equal(["late: \"late\""], Complaint(cues, "delayed and now late").Reasons);
        Assert.Equal(["late: \"delayed\""], Complaint(cues, "my parcel is delayed").Reasons);
        Assert.Equal(["repeated word: \"the the\""], Complaint(cues, "the the parcel").Reasons);
        Assert.False(Complaint(cues, "my parcel arrived").Detected);
    }

    private static TriageSignal Complaint(TriageCues cues, string text) =>
        SignalDetector.Evaluate(cues.Complaint, text, compound: 0, out _);

    private static SignalCues[] Signals(TriageCues cues) =>
        [cues.Complaint, cues.Urgency, cues.Churn, cues.WantsHuman, cues.WantsPrivacy];

    private static TriageSignal[] Signals(TriageResult result) =>
        [result.Complaint, result.Urgency, result.Churn, result.WantsHuman, result.WantsPrivacy];

    private static string Describe(TriageResult result) =>
        string.Join(
            "\n",
            $"text: {result.Text}",
            $"complaint: {Describe(result.Complaint)}",
            $"urgency: {Describe(result.Urgency)}",
            $"churn: {Describe(result.Churn)}",
            $"wantsHuman: {Describe(result.WantsHuman)}",
            $"wantsPrivacy: {Describe(result.WantsPrivacy)}",
            $"shouting: {result.Shouting.Detected} {result.Shouting.AngerIntensity} [{string.Join(" | ", result.Shouting.Reasons)}]",
            $"praise: {Describe(result.Praise)}",
            $"priority: {result.Priority} ({result.PriorityReason})");

    private static string Describe(TriageSignal signal) => $"{signal.Detected} [{string.Join(" | ", signal.Reasons)}]";
}
