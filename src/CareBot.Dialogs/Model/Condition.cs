namespace CareBot.Dialogs.Model;

/// <summary>
/// A branch condition. Every part that is set must hold (AND); a list inside a part matches when any entry does (OR).
/// </summary>
public sealed record Condition
{
    /// <summary>Where the condition was written.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary><c>public: true</c> holds in a public thread, <c>public: false</c> in a private one.</summary>
    public bool? Public { get; init; }

    /// <summary>Triage signals; holds when any is present (e.g. complaint, shouting, urgency, wantsHuman).</summary>
    public IReadOnlyList<string> Signals { get; init; } = [];

    /// <summary>Holds when the sentiment compound score is below this value (-1..1).</summary>
    public double? SentimentBelow { get; init; }

    /// <summary>Holds when the sentiment compound score is above this value (-1..1).</summary>
    public double? SentimentAbove { get; init; }

    /// <summary>Holds when the sentiment label equals this (negative, neutral, positive).</summary>
    public string? Sentiment { get; init; }

    /// <summary>Holds when the message contains any of these words or phrases (case-insensitive).</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>
    /// Holds when the message contains none of these words or phrases (case-insensitive): "it just arrived" is good
    /// news, "it just arrived but the screen is cracked" is not (<c>keywords_not: [but]</c>).
    /// </summary>
    public IReadOnlyList<string> KeywordsNot { get; init; } = [];

    /// <summary>Holds when these captures have exactly these values (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> Captured { get; init; } = new Dictionary<string, string>();

    /// <summary>Holds when all these captures have a value.</summary>
    public IReadOnlyList<string> Has { get; init; } = [];

    /// <summary>Holds when none of these captures has a value.</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary><c>business_hours: true</c> holds during the script's business hours.</summary>
    public bool? BusinessHours { get; init; }

    /// <summary>Holds when triage priority is at least this: the highest of the conversation so far, this message's included.</summary>
    public Priority? PriorityAtLeast { get; init; }

    /// <summary>Holds when the message's language (ISO 639-1, or <c>und</c> when unknown) is one of these.</summary>
    public IReadOnlyList<string> Language { get; init; } = [];

    /// <summary>Holds when the message's language is none of these (e.g. <c>[en, und]</c>: clearly not English).</summary>
    public IReadOnlyList<string> LanguageNot { get; init; } = [];

    /// <summary>Holds when the message has at least this many words with a letter ("?" or "hmm" says too little to act on).</summary>
    public int? WordsAtLeast { get; init; }

    /// <summary>
    /// <c>to_someone_else: true</c> holds when the message opens with @handles and none is the brand's (a friend tagged
    /// under a post); see <see cref="Capture.OpeningHandles"/>.
    /// </summary>
    public bool? ToSomeoneElse { get; init; }

    /// <summary>
    /// <c>mentions: [order_number]</c> holds when the message holds a value of any of these types (order_number, email,
    /// phone), captured or not: "AB-265190" typed at the email question is an order number found late, not a wrong
    /// email address.
    /// </summary>
    public IReadOnlyList<CaptureSpec> Mentions { get; init; } = [];

    /// <summary>
    /// <c>integration: orders</c> holds when the host has that integration configured (a key under <c>Integrations:</c>,
    /// case-insensitive), so a script can say what it can look up before asking for it.
    /// </summary>
    public string? Integration { get; init; }

    /// <summary>Whether this condition tests nothing but <c>public: true</c> (used by the public-PII check).</summary>
    public bool IsOnlyPublic(bool value) =>
        Public == value && Signals.Count == 0 && SentimentBelow is null && SentimentAbove is null && Sentiment is null
        && Keywords.Count == 0 && KeywordsNot.Count == 0 && Captured.Count == 0 && Has.Count == 0 && Missing.Count == 0 && BusinessHours is null
        && PriorityAtLeast is null && Language.Count == 0 && LanguageNot.Count == 0
        && WordsAtLeast is null && ToSomeoneElse is null && Mentions.Count == 0 && Integration is null;
}
