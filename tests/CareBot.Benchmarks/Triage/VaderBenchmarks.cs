using BenchmarkDotNet.Attributes;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;
using CareBot.Care.Triage.Vader;

namespace CareBot.Benchmarks.Triage;

/// <summary>
/// Scoring the 4,200 VADER tweets once per operation (so ns/op ÷ 4,200 is the cost of one tweet), and the full triage of
/// one typical complaint. Run: dotnet run -c Release --project tests/CareBot.Benchmarks -- --filter '*VaderBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class VaderBenchmarks
{
    private readonly VaderScorer scorer = new();
    private readonly VaderSentimentAnalyzer analyzer = new();
    private TriageService triage = null!;
    private string[] tweets = [];

    [GlobalSetup]
    public void Setup()
    {
        tweets = GroundTruthTexts.Load("tweets");
        var cues = TriageCueLoader.LoadEmbedded();
        cues.CompileAllAsync().Wait(); // measure the fast path a running server has
        triage = new TriageService(analyzer, cues);
        scorer.Score(tweets[0]);
    }

    [Benchmark(OperationsPerInvoke = 4200)]
    public double ScoreTweets()
    {
        var sum = 0.0;
        foreach (var tweet in tweets)
        {
            sum += scorer.Score(tweet).Compound;
        }

        return sum;
    }

    [Benchmark]
    public VaderScores ScoreOneComplaint() => scorer.Score("My order never arrived and NOBODY answers the phone!!!");

    [Benchmark]
    public TriageResult TriageOneComplaint() =>
        triage.Triage("My order never arrived and NOBODY answers the phone!!!", analyzer.Analyze("My order never arrived and NOBODY answers the phone!!!"));
}
