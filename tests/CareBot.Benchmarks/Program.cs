using BenchmarkDotNet.Running;
using CareBot.Benchmarks.Triage;
using CareBot.Benchmarks.Turns;

// Whole-corpus throughput runs are plain loops, not BenchmarkDotNet jobs; they are picked out by their first argument.
if (args is ["triage-throughput", ..])
{
    return TriageThroughput.Run(Console.Out);
}

// Where the default triage's time goes: each part alone, then the cue patterns the prefilter lets through.
if (args is ["triage-profile", ..])
{
    return TriageProfile.Run(Console.Out);
}

// What a whole turn costs the server (bytes allocated, CPU ms), one turn at a time through the real host.
if (args is ["turn-cost", ..])
{
    return await TurnCost.RunAsync(args, Console.Out);
}

// Runs every benchmark in this assembly; pass BenchmarkDotNet arguments, e.g. --filter '*Vader*'.
BenchmarkSwitcher.FromAssembly(typeof(TriageThroughput).Assembly).Run(args);
return 0;
