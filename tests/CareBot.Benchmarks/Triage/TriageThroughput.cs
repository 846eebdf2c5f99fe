using System.Diagnostics;
using System.Globalization;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;
using CareBot.Care.Triage.Vader;

namespace CareBot.Benchmarks.Triage;

/// <summary>
/// Whole-corpus throughput of the embedded VADER on one thread: all 23,703 ground-truth texts, several passes after a
/// warm-up, reporting texts per second and bytes allocated per text; then the whole default triage (VADER, sentences,
/// cues, care model, question, language, PII, priority) of each VADER tweet, with its CPU time per message (budget 50 µs),
/// also with the opt-in urgency head (Triage:UrgencyModel).
/// Run: dotnet run -c Release --project tests/CareBot.Benchmarks -- triage-throughput
/// </summary>
public static class TriageThroughput
{
    private const int Passes = 5;

    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var texts = GroundTruthTexts.LoadAll();
        var tweets = GroundTruthTexts.Load("tweets");
        var scorer = new VaderScorer();
        double Vader(string text) => scorer.Score(text).Compound;
        ThreadCpu.WarmUp(() => Measure(Vader, texts, 1));

        Report(output, "all ground-truth texts", texts.Length, Measure(Vader, texts, Passes));
        Report(output, "tweets", tweets.Length, Measure(Vader, tweets, Passes * 20));

        var analyzer = new VaderSentimentAnalyzer();
        var cues = TriageCueLoader.LoadEmbedded();
        cues.CompileAllAsync().Wait(); // the fast path, as a busy server has it
        var triage = new TriageService(analyzer, cues);
        double Triage(string text) => triage.Triage(text, analyzer.Analyze(text)).Complaint.Detected ? 1 : 0;
        ThreadCpu.WarmUp(() => Measure(Triage, tweets, 1));
        Report(output, "full triage of tweets", tweets.Length, Measure(Triage, tweets, Passes));
        var withUrgencyModel = new TriageService(analyzer, cues) { UrgencyModel = true };
        double UrgencyTriage(string text) => withUrgencyModel.Triage(text, analyzer.Analyze(text)).Urgency.Detected ? 1 : 0;
        ThreadCpu.WarmUp(() => Measure(UrgencyTriage, tweets, 1));
        Report(output, "full triage of tweets with Triage:UrgencyModel (urgency: cues or the care model's urgency head)", tweets.Length, Measure(UrgencyTriage, tweets, Passes));
        var interpreted = new TriageService(analyzer, cues.WithoutCompiledPatterns());
        double InterpretedTriage(string text) => interpreted.Triage(text, analyzer.Analyze(text)).Complaint.Detected ? 1 : 0;
        ThreadCpu.WarmUp(() => Measure(InterpretedTriage, tweets, 1));
        Report(output, "full triage of tweets, interpreted cue patterns (before the fast path)", tweets.Length, Measure(InterpretedTriage, tweets, Passes));
        double Model(string text) => Care.Triage.Model.CareModel.Embedded.Score(text, scorer.Score(text), Care.Triage.Model.CareModel.ComplaintHead).Probability;
        ThreadCpu.WarmUp(() => Measure(Model, tweets, 1));
        Report(output, "VADER + care model (complaint head) of tweets", tweets.Length, Measure(Model, tweets, Passes));
        return 0;
    }

    private static (double Seconds, double CpuSeconds, long Bytes, int Scored) Measure(Func<string, double> score, string[] texts, int passes)
    {
        var checksum = 0.0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = ThreadCpu.Seconds();
        var watch = Stopwatch.StartNew();
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var text in texts)
            {
                checksum += score(text);
            }
        }

        watch.Stop();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        var cpu = ThreadCpu.Seconds() - cpuBefore;
        GC.KeepAlive(checksum);
        return (watch.Elapsed.TotalSeconds, cpu, bytes, texts.Length * passes);
    }

    private static void Report(TextWriter output, string name, int count, (double Seconds, double CpuSeconds, long Bytes, int Scored) result)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {count:N0} texts x {result.Scored / count} passes in {result.Seconds:F2} s = {result.Scored / result.Seconds:N0} texts/s wall clock on one thread ({result.Scored / result.CpuSeconds:N0} texts per CPU-second of the scoring thread = {1e6 * result.CpuSeconds / result.Scored:F1} µs CPU per text), {(double)result.Bytes / result.Scored:F1} bytes allocated per text"));
    }
}
