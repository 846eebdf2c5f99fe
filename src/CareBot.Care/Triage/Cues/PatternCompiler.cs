using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace CareBot.Care.Triage.Cues;

/// <summary>
/// Compiles cue patterns (<see cref="RegexOptions.Compiled"/>) on one background thread, each distinct pattern once per
/// process, and warms each twin with one match before handing it over.
/// </summary>
/// <remarks>
/// Compiling every pattern of the shipped cue file takes about 9 s of CPU. Done while loading, it held every process that
/// triages (the server before it listened, each <c>chat</c> or <c>triage</c> run, each test host) for those seconds; on a
/// busy two-core machine a server took over a minute to listen. Now a process triages at once with the interpreted
/// patterns (the same matches, only slower), <see cref="CompiledPatterns"/> asks for a twin only once its pattern runs
/// often, and the twin takes over when it is ready. One thread, so compiling never takes more than one core from the
/// turns being served. A pattern that fails to compile keeps its interpreted form: the task faults, the thread goes on.
/// </remarks>
internal static class PatternCompiler
{
    private static readonly ConcurrentDictionary<(string Pattern, RegexOptions Options, TimeSpan Timeout), Regex> Compiled = new();
    private static readonly BlockingCollection<Action> Work = [];
    private static readonly Thread Worker = StartWorker();

    /// <summary>
    /// Queues <paramref name="patterns"/> for compiling; <paramref name="place"/> receives each pattern's index and its
    /// compiled, warmed twin as it becomes ready. The task completes when every twin has been placed.
    /// </summary>
    public static Task Compile(IReadOnlyList<Regex> patterns, Action<int, Regex> place)
    {
        if (patterns.Count == 0)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Work.Add(() =>
        {
            try
            {
                for (var i = 0; i < patterns.Count; i++)
                {
                    var pattern = patterns[i];
                    place(i, Compiled.GetOrAdd((pattern.ToString(), pattern.Options, pattern.MatchTimeout), CompileAndWarm));
                }

                done.SetResult();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or NotSupportedException or OutOfMemoryException)
            {
                // An exception here would end the process (it is not a pool thread); the interpreted pattern still answers.
                done.SetException(exception);
            }
        });
        GC.KeepAlive(Worker);
        return done.Task;
    }

    private static Thread StartWorker()
    {
        var thread = new Thread(() =>
        {
            foreach (var work in Work.GetConsumingEnumerable())
            {
                work();
            }
        })
        {
            IsBackground = true,
            Name = "Cue pattern compiler",
            Priority = ThreadPriority.BelowNormal,
        };
        thread.Start();
        return thread;
    }

    private static Regex CompileAndWarm((string Pattern, RegexOptions Options, TimeSpan Timeout) key)
    {
        var regex = new Regex(key.Pattern, key.Options | RegexOptions.Compiled, key.Timeout);
        try
        {
            // The first match JITs the compiled code; a real message must never pay that against the match timeout.
            regex.IsMatch("warm up the compiled pattern");
        }
        catch (RegexMatchTimeoutException)
        {
            // The JIT work is done either way; only this warm-up match was slow.
        }

        return regex;
    }
}
