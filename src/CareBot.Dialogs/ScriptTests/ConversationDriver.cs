using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;

namespace CareBot.Dialogs.ScriptTests;

/// <summary>
/// Talks to a dialog the way a host would, in transcript form (user says, bot replies). It keeps two threads, public
/// and private, and plays the host's part of take-offline: the private thread starts from the effect's state and its
/// greeting runs at once. Used by the script test runner, the chat verb and unit tests.
/// </summary>
public sealed class ConversationDriver
{
    /// <summary>The default clock for tests: Monday 2026-11-23 10:00 UTC, within usual business hours.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private readonly DialogRuntime runtime;
    private readonly string scriptId;

    /// <summary>Creates a driver for the dialog <paramref name="scriptId"/>.</summary>
    public ConversationDriver(DialogRuntime runtime, string scriptId, bool startPublic = false)
    {
        this.runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
        this.scriptId = scriptId ?? throw new ArgumentNullException(nameof(scriptId));
        IsPublic = startPublic;
    }

    /// <summary>Which thread the next message goes to; take-offline switches it to private.</summary>
    public bool IsPublic { get; set; }

    /// <summary>The customer's display name; null as for a channel that gives none.</summary>
    public string? UserName { get; set; } = "Sam";

    /// <summary>The case reference the host would reserve.</summary>
    public string CaseId { get; set; } = "C-1001";

    /// <summary>The time of the next turn.</summary>
    public DateTimeOffset Now { get; set; } = DefaultNow;

    /// <summary>The host's business hours and holidays for every turn (see <see cref="TurnInput.Schedule"/>); null uses the script's.</summary>
    public BusinessSchedule? Schedule { get; set; }

    /// <summary>The host's brand name for <c>{brand.name}</c> (see <see cref="TurnInput.BrandName"/>); null uses the script's.</summary>
    public string? BrandName { get; set; }

    /// <summary>The host's first-response targets for <c>{case.reply_within}</c> (see <see cref="TurnInput.FirstResponseTargets"/>); null promises no time.</summary>
    public IReadOnlyDictionary<Priority, TimeSpan>? FirstResponseTargets { get; set; }

    /// <summary>The integrations the host has configured, for <c>integration:</c> conditions (see <see cref="TurnInput.Integrations"/>). Default none.</summary>
    public IReadOnlySet<string> Integrations { get; set; } = new HashSet<string>();

    /// <summary>
    /// Answers the turn's lookups (script tests answer from the step's stubs). By default every lookup fails, as it does
    /// for an integration that is not configured.
    /// </summary>
    public Func<LookupRequest, LookupResult> Lookup { get; set; } = _ => LookupResult.Failed("no integration is configured here");

    /// <summary>The lookups made so far, in order (for tests and the transcript).</summary>
    public List<LookupRequest> LookupsMade { get; } = [];

    /// <summary>The public thread's state, once it has one.</summary>
    public DialogState? PublicState { get; private set; }

    /// <summary>The private thread's state, once it has one.</summary>
    public DialogState? PrivateState { get; private set; }

    /// <summary>The state of the thread <see cref="IsPublic"/> points at.</summary>
    public DialogState? CurrentState => IsPublic ? PublicState : PrivateState;

    /// <summary>The customer says something in the current thread.</summary>
    public DriverTurn Say(string text, TriageAnnotations? triage = null) =>
        Send(new TurnInput { Text = text, Triage = triage ?? TriageAnnotations.None });

    /// <summary>The host sends an event to the current thread.</summary>
    public DriverTurn Event(string name) => Send(new TurnInput { Event = name });

    /// <summary>Replaces a thread's state (e.g. after a JSON round trip, as a restart would).</summary>
    public void Restore(bool isPublic, DialogState state)
    {
        if (isPublic)
        {
            PublicState = state;
        }
        else
        {
            PrivateState = state;
        }
    }

    /// <summary>Sends a turn to the current thread; the driver fills in thread, user, case and time.</summary>
    public DriverTurn Send(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var isPublic = IsPublic;
        var full = input with { IsPublic = isPublic, UserName = UserName, CaseId = CaseId, Now = Now, Schedule = input.Schedule ?? Schedule, BrandName = input.BrandName ?? BrandName,
            FirstResponseTargets = input.FirstResponseTargets ?? FirstResponseTargets, Integrations = Integrations };
        var state = (isPublic ? PublicState : PrivateState) ?? runtime.Start(scriptId);
        var result = StepWithLookups(state, full);
        Restore(isPublic, result.State);

        var replies = result.Replies.Select(r => new BotReply(r, isPublic)).ToList();
        var effects = result.Effects.ToList();
        var path = result.NodePath.ToList();
        if (isPublic && result.Effects.OfType<TakeOfflineEffect>().FirstOrDefault() is { } offline)
        {
            // The host's part: open the private thread at the effect's state and send its greeting right away.
            var greeting = StepWithLookups(offline.PrivateState, TurnInput.Begin(false, Now) with { UserName = UserName, CaseId = CaseId, Schedule = full.Schedule, BrandName = full.BrandName, FirstResponseTargets = full.FirstResponseTargets, Integrations = Integrations });
            PrivateState = greeting.State;
            replies.AddRange(greeting.Replies.Select(r => new BotReply(r, false)));
            effects.AddRange(greeting.Effects);
            path.AddRange(greeting.NodePath);
            IsPublic = false;
        }

        return new DriverTurn(replies, effects, result.State, isPublic) { NodePath = path };
    }

    /// <summary>The host's loop around the pure runtime: make each lookup it asks for, then run the turn again.</summary>
    private StepResult StepWithLookups(DialogState state, TurnInput input)
    {
        var result = runtime.Step(state, input);
        while (result.PendingLookup is { } request)
        {
            LookupsMade.Add(request);
            input = input.WithLookup(request, Lookup(request));
            result = runtime.Step(state, input);
        }

        return result;
    }

    /// <summary>A short label for an effect, as test steps name them.</summary>
    public static string EffectName(DialogEffect effect) => effect switch
    {
        TakeOfflineEffect => "take_offline",
        HandoffEffect => "handoff",
        RecordRatingEffect => "rating",
        EndEffect => "end",
        _ => effect.GetType().Name,
    };

    /// <summary>Describes an effect for people (chat verb, test failures).</summary>
    public static string Describe(DialogEffect effect) => effect switch
    {
        TakeOfflineEffect t => $"take_offline (private start: {t.StartNode}; carried: {string.Join(", ", t.Captured.Keys)})",
        HandoffEffect h => $"handoff (queue: {h.Queue}, priority: {h.Priority.ToString().ToLowerInvariant()}, reason: {h.Reason})",
        RecordRatingEffect r => $"rating ({r.Rating})",
        EndEffect => "end",
        _ => effect.ToString(),
    };

    /// <summary>The node to show as active: the waiting node, or the one the dialog stopped at.</summary>
    public static string Where(DialogState? state) =>
        state?.Top is { } top ? $"{top.ScriptId}/{top.Node} ({state.Status.ToString().ToLowerInvariant()})" : "(not started)";

    /// <summary>Formats captured values for display.</summary>
    public static string Captures(DialogState? state) =>
        state is null || state.Captured.Count == 0
            ? "(nothing)"
            : string.Join(", ", state.Captured.Select(kv => $"{kv.Key}={kv.Value.Text.Replace("\n", " / ", StringComparison.Ordinal)} ({Name(kv.Value.Type)})"));

    private static string Name(CaptureType type) => type.ToString().ToLowerInvariant();
}
