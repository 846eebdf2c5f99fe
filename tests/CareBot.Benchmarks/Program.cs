using BenchmarkDotNet.Running;
using CareBot.Benchmarks.Triage;

// Whole-corpus throughput runs are plain loops, not BenchmarkDotNet jobs; they are picked out by their first argument.
if (args is ["triage-throughput", ..])
{
    return TriageThroughput.Run(Console.Out);
}

// Runs every benchmark in this assembly; pass BenchmarkDotNet arguments, e.g. --filter '*Vader*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
