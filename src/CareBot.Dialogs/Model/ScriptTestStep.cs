namespace CareBot.Dialogs.Model;

/// <summary>
/// One step of a test conversation: what the customer says (or which event arrives), the triage facts to assume, and
/// what to expect. Expected replies match in order, case-insensitively, as a substring or as <c>/regex/</c>.
/// </summary>
public sealed record ScriptTestStep
{
    /// <summary>Where the step was written.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>What the customer says (null for an event).</summary>
    public string? User { get; init; }

    /// <summary>The event that arrives instead of a message (case.resolved...).</summary>
    public string? Event { get; init; }

    /// <summary>Public or private for this step; null keeps the test's (or, after take-offline, private).</summary>
    public bool? Public { get; init; }

    /// <summary>Explicit sentiment compound score, overriding the annotator's.</summary>
    public double? Sentiment { get; init; }

    /// <summary>Explicit signals, overriding the annotator's for the names given.</summary>
    public IReadOnlyDictionary<string, bool> Signals { get; init; } = new Dictionary<string, bool>();

    /// <summary>Explicit message language (ISO 639-1, or <c>und</c>), overriding the annotator's.</summary>
    public string? Language { get; init; }

    /// <summary>What the step's lookups answer, by lookup node id; a lookup without a stub fails (as when not configured).</summary>
    public IReadOnlyDictionary<string, LookupStub> Lookups { get; init; } = new Dictionary<string, LookupStub>();

    /// <summary>Explicit triage priority.</summary>
    public Priority? Priority { get; init; }

    /// <summary>The time of this step (for business hours); default Monday 2026-11-23 10:00 UTC.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Expected replies, in order.</summary>
    public IReadOnlyList<string> Bot { get; init; } = [];

    /// <summary>Texts that no reply may contain.</summary>
    public IReadOnlyList<string> NotBot { get; init; } = [];

    /// <summary>Expect no reply at all.</summary>
    public bool NoReply { get; init; }

    /// <summary>The node expected to be active (waiting) after the step.</summary>
    public string? Node { get; init; }

    /// <summary>Where <see cref="Node"/> was written.</summary>
    public SourceLocation? NodeLocation { get; init; }

    /// <summary>Captured values expected after the step.</summary>
    public IReadOnlyDictionary<string, string> Captured { get; init; } = new Dictionary<string, string>();

    /// <summary>Effects expected from the step: take_offline, handoff, rating, end.</summary>
    public IReadOnlyList<string> Effects { get; init; } = [];
}
