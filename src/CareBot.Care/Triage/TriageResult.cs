using CareBot.Care.Triage.Sentiment;
using CareBot.Dialogs.Model;

namespace CareBot.Care.Triage;

/// <summary>Everything triage concluded about one customer message; dialog branches and handoff priority read it.</summary>
public sealed record TriageResult
{
    public required string Text { get; init; }

    public required SentimentResult Sentiment { get; init; }

    public required TriageSignal Complaint { get; init; }

    public required ShoutingSignal Shouting { get; init; }

    public required TriageSignal Urgency { get; init; }

    public required TriageSignal Churn { get; init; }

    public required TriageSignal WantsHuman { get; init; }

    public required TriageSignal WantsPrivacy { get; init; }

    /// <summary>
    /// A risk to someone's safety (fire, gas, injury...): the urgency cues marked <c>urgent: true</c> in the cue file
    /// that matched. It makes the message urgent on its own, and scripts answer it with safety advice first.
    /// </summary>
    public TriageSignal Safety { get; init; } = TriageSignal.None;

    /// <summary>Thanks or a compliment (never together with <see cref="Complaint"/>).</summary>
    public TriageSignal Praise { get; init; } = TriageSignal.None;

    /// <summary>
    /// A thank-you that says nothing wrong ("thanks for letting me know", "appreciate the quick call back"):
    /// <see cref="Praise"/> fires too, and a script answers "you're welcome" rather than "thanks for the kind words".
    /// </summary>
    public TriageSignal Thanks { get; init; } = TriageSignal.None;

    /// <summary>The message asks something (including rhetorical questions).</summary>
    public TriageSignal Question { get; init; } = TriageSignal.None;

    /// <summary>The message is only a greeting ("hi", "hello there!"): what is wrong usually follows.</summary>
    public TriageSignal Greeting { get; init; } = TriageSignal.None;

    /// <summary>The message is only thanks, an ok or a goodbye ("ok thanks, bye", "👍"): often sent after the bot's goodbye.</summary>
    public TriageSignal Closing { get; init; } = TriageSignal.None;

    /// <summary>The message is only a bare request ("help", "refund please"): what happened usually follows.</summary>
    public TriageSignal Request { get; init; } = TriageSignal.None;

    /// <summary>The message is only abuse at the brand ("fuck you", "you're all idiots"): nothing to apologise for.</summary>
    public TriageSignal Abuse { get; init; } = TriageSignal.None;

    /// <summary>The message suggests or wishes for something ("bring back the old logo") and no complaint cue names a problem.</summary>
    public TriageSignal Suggestion { get; init; } = TriageSignal.None;

    /// <summary>The message promotes something else (money or followers on offer, and a link, a handle or "DM me"): never a complaint.</summary>
    public TriageSignal Spam { get; init; } = TriageSignal.None;

    /// <summary>The message's language as an ISO 639-1 code ("en"), or "und" when there is too little to tell.</summary>
    public string Language { get; init; } = LanguageIdentifier.Undetermined;

    /// <summary>Personal data found in <see cref="Text"/>, in order of position, never overlapping.</summary>
    public required IReadOnlyList<PiiSpan> Pii { get; init; }

    /// <summary><see cref="Text"/> with every <see cref="Pii"/> span masked: safe for public replies and logs.</summary>
    public required string Masked { get; init; }

    public required Priority Priority { get; init; }

    /// <summary>Why the priority is what it is, e.g. "urgent: safety risk".</summary>
    public required string PriorityReason { get; init; }
}
