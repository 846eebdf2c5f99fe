using System.Diagnostics;
using System.Globalization;

namespace CareBot.Benchmarks.Triage;

/// <summary>The CPU time the benchmark loops measure.</summary>
internal static class ThreadCpu
{
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
