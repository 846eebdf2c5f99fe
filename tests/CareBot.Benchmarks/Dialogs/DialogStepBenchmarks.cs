using BenchmarkDotNet.Attributes;
using CareBot.Dialogs;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Runtime;

namespace CareBot.Benchmarks.Dialogs;

/// <summary>
/// The cost of one dialog step: the customer answers a question (capture an email), a branch looks at the capture and
/// the triage signals, and the bot says something and asks the next question. Also the state's JSON round trip, which
/// the host pays on every turn.
/// Run: dotnet run -c Release --project tests/CareBot.Benchmarks -- --filter '*DialogStep*' --job short
/// </summary>
[MemoryDiagnoser]
public class DialogStepBenchmarks
{
    private const string Script = """
        dialog: bench
        brand: Contoso
        start: ask_email
        nodes:
          - id: ask_email
            ask: "What email address can we reach you at?"
            capture: email
            type: email
            retry: "That doesn't look like an email address."
            next: route
          - id: route
            branch:
              - when: { signal: wantsHuman }
                goto: human
              - when: { sentiment_below: -0.5 }
                goto: human
              - when: { has: [email] }
                goto: thanks
            default: human
          - id: thanks
            say: "Thanks {user.name}, we'll write to {captured.email}."
            next: ask_more
          - id: ask_more
            ask: "Anything else?"
            capture: more
            type: yes_no
            next: bye
          - id: human
            handoff: care
            say: "A person from {brand.name} will reply soon."
          - id: bye
            end: "Bye!"
        """;

    private DialogRuntime runtime = null!;
    private DialogState waiting = null!;
    private TurnInput answer = null!;
    private string json = null!;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new ScriptRegistry();
        var loaded = registry.LoadSourcesAsync([("bench.yaml", Script)], CancellationToken.None).GetAwaiter().GetResult().EnsureValid();
        runtime = new DialogRuntime(registry);
        var now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        waiting = runtime.Step(runtime.Start(loaded.Scripts[0].Id), TurnInput.Begin(false, now)).State;
        answer = TurnInput.Message("it's sam@example.com", isPublic: false, now) with { UserName = "Sam" };
        json = waiting.ToJson();
    }

    /// <summary>Capture + branch + say + ask: one customer turn through the runtime.</summary>
    [Benchmark(Baseline = true)]
    public StepResult CaptureBranchSay() => runtime.Step(waiting, answer);

    /// <summary>What the host adds per turn: read the state from JSON and write it back.</summary>
    [Benchmark]
    public string StateJsonRoundTrip() => DialogState.FromJson(json).ToJson();
}
