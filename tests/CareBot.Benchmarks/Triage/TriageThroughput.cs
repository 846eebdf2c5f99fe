using System.Diagnostics;
using System.Globalization;
using CareBot.Care.Triage.Vader;

namespace CareBot.Benchmarks.Triage;

/// <summary>
/// Whole-corpus throughput of the embedded VADER on one thread: all 23,703 ground-truth texts, several passes after a
/// warm-up, reporting texts per second and bytes allocated per text.
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
        Measure(scorer, texts, 1);

        Report(output, "all ground-truth texts", texts.Length, Measure(scorer, texts, Passes));
        Report(output, "tweets", tweets.Length, Measure(scorer, tweets, Passes * 4));
        return 0;
    }

    private static (double Seconds, double CpuSeconds, long Bytes, int Scored) Measure(VaderScorer scorer, string[] texts, int passes)
    {
        var checksum = 0.0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var text in texts)
            {
                checksum += scorer.Score(text).Compound;
            }
        }

        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(checksum);
        return (watch.Elapsed.TotalSeconds, cpu.TotalSeconds, bytes, texts.Length * passes);
    }

    private static void Report(TextWriter output, string name, int count, (double Seconds, double CpuSeconds, long Bytes, int Scored) result)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {count:N0} texts x {result.Scored / count} passes in {result.Seconds:F2} s = {result.Scored / result.Seconds:N0} texts/s wall clock on one thread ({result.Scored / result.CpuSeconds:N0} texts per CPU-second), {(double)result.Bytes / result.Scored:F1} bytes allocated per text"));
    }
}
