using BenchmarkDotNet.Attributes;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Benchmarks.Triage;

/// <summary>
/// The default triage per message (the budget is 50 µs of CPU) on 500 real tweets of the VADER corpus, and its parts:
/// the care model (both heads), the language identifier. Each operation triages all 500, so the reported time ÷ 1 is
/// per message (OperationsPerInvoke). Run:
/// dotnet run -c Release --project tests/CareBot.Benchmarks -- --filter '*TriageBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class TriageBenchmarks
{
    private const int Messages = 500;

    private readonly VaderSentimentAnalyzer analyzer = new();
    private TriageService triage = null!;
    private string[] texts = [];
    private SentimentResult[] sentiments = [];

    [GlobalSetup]
    public void Setup()
    {
        texts = GroundTruthTexts.Load("tweets").Take(Messages).ToArray();
        sentiments = texts.Select(analyzer.Analyze).ToArray();
        var cues = TriageCueLoader.LoadEmbedded();
        cues.CompileAllAsync().Wait(); // measure the fast path a running server has
        triage = new TriageService(analyzer, cues);
        triage.Triage(texts[0], sentiments[0]);
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int TriagePerMessage()
    {
        var detected = 0;
        foreach (var text in texts)
        {
            detected += triage.Triage(text, analyzer.Analyze(text)).Complaint.Detected ? 1 : 0;
        }

        return detected;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public double CareModelPerMessage()
    {
        var sum = 0.0;
        for (var i = 0; i < texts.Length; i++)
        {
            sum += CareModel.Embedded.Score(texts[i], sentiments[i].Vader, CareModel.ComplaintHead).Probability;
            sum += CareModel.Embedded.Score(texts[i], sentiments[i].Vader, CareModel.PraiseHead).Probability;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int LanguagePerMessage()
    {
        var english = 0;
        foreach (var text in texts)
        {
            english += LanguageIdentifier.Identify(text) == "en" ? 1 : 0;
        }

        return english;
    }
}
