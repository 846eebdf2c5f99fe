using System.Diagnostics;
using System.Globalization;

namespace CareBot.Benchmarks.Triage;

/// <summary>The CPU time the benchmark loops measure, and their warm-up.</summary>
internal static class ThreadCpu
{
    // 3 s was enough until the cue file grew (2026-12-06): full triage then measured 55-64 µs right after warming up and
    // 27-29 µs on the next window of the same loop; with 8 s the first window reads 27 µs.
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Runs <paramref name="pass"/> for a few seconds before it is measured. One pass is not enough: the runtime first
    /// runs new methods unoptimised (tier 0) and promotes the hot ones only once no new method has been compiled for a
    /// while, so a loop measured right after its first pass ran at over twice its real cost (triage: 68-88 µs
    /// instead of about 37 µs per message).
    /// </summary>
    public static void WarmUp(Action pass)
    {
        var watch = Stopwatch.StartNew();
        do
        {
            pass();
        }
        while (watch.Elapsed < WarmUpTime);
    }

    /// <summary>
    /// CPU time of the calling thread (Linux: /proc/thread-self/stat, 10 ms ticks), so that a busy machine's other work
    /// and the runtime's background threads (JIT, GC) do not count; elsewhere the whole process's CPU time.
    /// </summary>
    public static double Seconds()
    {
        const string statFile = "/proc/thread-self/stat";
        if (!File.Exists(statFile))
        {
            return Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        }

        var stat = File.ReadAllText(statFile);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }
}
