using System.Text.RegularExpressions;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;

namespace CareBot.Dialogs.ScriptTests;

/// <summary>
/// Runs the test conversations embedded in scripts: each step goes through the <see cref="ConversationDriver"/>, with
/// triage from the annotator overridden by the step's explicit sentiment, signals and priority.
/// </summary>
public sealed class ScriptTestRunner
{
    private readonly IScriptResolver scripts;
    private readonly ITurnAnnotator annotator;

    /// <summary>Creates a runner over loaded scripts.</summary>
    public ScriptTestRunner(IScriptResolver scripts, ITurnAnnotator? annotator = null)
    {
        this.scripts = scripts ?? throw new ArgumentNullException(nameof(scripts));
        this.annotator = annotator ?? NoSignalsAnnotator.Instance;
    }

    /// <summary>Runs every test of every given script.</summary>
    public async Task<IReadOnlyList<ScriptTestResult>> RunAllAsync(IEnumerable<DialogScript> scriptsToTest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptsToTest);
        var results = new List<ScriptTestResult>();
        foreach (var script in scriptsToTest)
        {
            foreach (var test in script.Tests)
            {
                results.Add(await RunAsync(script, test, cancellationToken).ConfigureAwait(false));
            }
        }

        return results;
    }

    /// <summary>Runs one test conversation.</summary>
    public async Task<ScriptTestResult> RunAsync(DialogScript script, ScriptTest test, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(test);
        var driver = new ConversationDriver(new DialogRuntime(scripts), script.Id, test.Public) { UserName = test.UserName, Integrations = IntegrationsOf(test) };
        var failures = new List<string>();
        var transcript = new List<string>();
        for (var i = 0; i < test.Steps.Count && failures.Count == 0; i++)
        {
            var step = test.Steps[i];
            if (step.Public is { } isPublic)
            {
                driver.IsPublic = isPublic;
            }

            driver.Now = step.Now ?? driver.Now;
            driver.Lookup = request => step.Lookups.TryGetValue(request.NodeId, out var stub)
                ? Answer(stub)
                : LookupResult.Failed("the step has no stub for this lookup");
            var lookupsBefore = driver.LookupsMade.Count;
            var thread = driver.IsPublic ? "public" : "private";
            DriverTurn turn;
            try
            {
                if (step.Event is { } name)
                {
                    transcript.Add($"  [{thread}] event: {name}");
                    turn = driver.Event(name);
                }
                else
                {
                    var text = step.User ?? string.Empty;
                    transcript.Add($"  [{thread}] user: {text}");
                    var triage = Override(await annotator.AnnotateAsync(text, cancellationToken).ConfigureAwait(false), step);
                    turn = driver.Send(new TurnInput { Text = text, Triage = triage });
                }
            }
            catch (DialogRuntimeException ex)
            {
                failures.Add($"{step.Location}: step {i + 1}: the dialog failed: {ex.Message}");
                break;
            }

            transcript.AddRange(driver.LookupsMade.Skip(lookupsBefore).Select(l =>
                $"  lookup: {l.NodeId} {l.Method} {l.Integration}{l.Path} -> {(step.Lookups.TryGetValue(l.NodeId, out var stub) ? stub.Status.ToString() : "Failed (no stub)")}"));
            transcript.AddRange(turn.Replies.Select(r => $"  [{(r.IsPublic ? "public" : "private")}] bot: {r.Text}"));
            transcript.AddRange(turn.Effects.Select(e => $"  effect: {ConversationDriver.Describe(e)}"));
            failures.AddRange(Check(step, i + 1, turn, driver));
        }

        return new ScriptTestResult(script.Id, test.Name, test.Location, failures, transcript);
    }

    /// <summary>The annotator's findings, with the step's explicit values taking precedence.</summary>
    public static TriageAnnotations Override(TriageAnnotations found, ScriptTestStep step)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(step);
        var signals = new HashSet<string>(found.Signals, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, on) in step.Signals)
        {
            if (on)
            {
                signals.Add(name);
            }
            else
            {
                signals.Remove(name);
            }
        }

        var sentiment = step.Sentiment ?? found.Sentiment;
        var label = step.Sentiment is { } s ? s < -0.05 ? "negative" : s > 0.05 ? "positive" : "neutral" : found.SentimentLabel;
        return new TriageAnnotations(sentiment, label, signals, step.Priority ?? found.Priority) { Language = step.Language ?? found.Language };
    }

    private static IEnumerable<string> Check(ScriptTestStep step, int number, DriverTurn turn, ConversationDriver driver)
    {
        var at = $"{step.Location}: step {number}";
        var said = turn.Replies.Select(r => r.Text).ToList();
        var saidText = said.Count == 0 ? "nothing" : string.Join(" | ", said.Select(s => $"\"{s}\""));

        if (step.NoReply && said.Count > 0)
        {
            yield return $"{at}: expected no reply; bot said {saidText}";
        }

        var from = 0;
        foreach (var expected in step.Bot)
        {
            var found = said.FindIndex(from, s => Matches(s, expected));
            if (found < 0)
            {
                yield return $"{at}: expected a reply matching '{expected}'{(from > 0 ? " after the earlier matches" : string.Empty)}; bot said {saidText}";
                yield break;
            }

            from = found; // several expectations may match the same reply, in order
        }

        foreach (var forbidden in step.NotBot.Where(f => said.Any(s => Matches(s, f))))
        {
            yield return $"{at}: no reply may contain '{forbidden}'; bot said {saidText}";
        }

        var state = driver.CurrentState;
        if (step.Node is { } node && state?.ActiveNode != node)
        {
            yield return $"{at}: expected the dialog at '{node}'; it is at {ConversationDriver.Where(state)}";
        }

        foreach (var (name, value) in step.Captured)
        {
            var actual = state?.Captured.GetValueOrDefault(name)?.Text;
            if (!string.Equals(actual, value, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{at}: expected {name} = '{value}'; captured {(actual is null ? "nothing" : $"'{actual}'")}";
            }
        }

        var effects = turn.Effects.Select(ConversationDriver.EffectName).ToList();
        foreach (var effect in step.Effects.Where(e => !effects.Contains(e)))
        {
            yield return $"{at}: expected the effect '{effect}'; got {(effects.Count == 0 ? "none" : string.Join(", ", effects))}";
        }
    }

    /// <summary>Case-insensitive substring, or a regular expression written as <c>/.../</c>.</summary>
    public static bool Matches(string reply, string expected)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(expected);
        return expected.Length > 1 && expected.StartsWith('/') && expected.EndsWith('/')
            ? Regex.IsMatch(reply, expected[1..^1], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
            : reply.Contains(expected, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The integrations a test runs with: those it lists, and those whose lookups it stubs, from its first step (so an
    /// <c>integration:</c> condition before the call holds). A test with neither runs as a bot without integrations.
    /// </summary>
    private HashSet<string> IntegrationsOf(ScriptTest test)
    {
        var stubbed = test.Steps.SelectMany(step => step.Lookups.Keys).ToHashSet(StringComparer.Ordinal);
        return scripts.CurrentVersions
            .Select(current => scripts.Find(current.Key, current.Value))
            .SelectMany(found => found?.Nodes.OfType<LookupNode>() ?? [])
            .Where(node => stubbed.Contains(node.Id))
            .Select(node => node.Integration)
            .Concat(test.Integrations)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    // A test step's stub as the answer the runtime receives from the lookup.
    private static LookupResult Answer(LookupStub stub) => stub.Status switch
    {
        LookupStatus.Found => LookupResult.Found(stub.Values),
        LookupStatus.NotFound => LookupResult.NothingFound("stubbed: not found"),
        _ => LookupResult.Failed("stubbed: failed"),
    };
}
