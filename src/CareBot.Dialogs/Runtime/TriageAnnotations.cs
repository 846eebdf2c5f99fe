using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime;

/// <summary>What triage found in a message, as the dialog sees it (the Care triage fills it in).</summary>
/// <param name="Sentiment">The sentiment compound score, -1 (very negative) to 1 (very positive).</param>
/// <param name="SentimentLabel">negative, neutral or positive.</param>
/// <param name="Signals">The signals present, by name (see <see cref="SignalNames"/>).</param>
/// <param name="Priority">The priority triage suggests.</param>
public sealed record TriageAnnotations(double Sentiment, string SentimentLabel, IReadOnlySet<string> Signals, Priority Priority)
{
    /// <summary>The language code for "unknown" (ISO 639-2 <c>und</c>): too short to tell, or triage could not say.</summary>
    public const string UnknownLanguage = "und";

    /// <summary>No signals, neutral sentiment, normal priority, unknown language.</summary>
    public static TriageAnnotations None { get; } = new(0, "neutral", new HashSet<string>(StringComparer.OrdinalIgnoreCase), Priority.Normal);

    /// <summary>
    /// The message's language as an ISO 639-1 code (<c>en</c>, <c>de</c>...), lower case; <see cref="UnknownLanguage"/>
    /// when triage could not tell. Scripts branch on it with <c>language:</c> and <c>language_not:</c>.
    /// </summary>
    public string Language { get; init; } = UnknownLanguage;

    /// <summary>Whether a signal is present (case-insensitive).</summary>
    public bool Has(string signal) => Signals.Contains(signal) || Signals.Any(s => string.Equals(s, signal, StringComparison.OrdinalIgnoreCase));

    /// <summary>These annotations with one more signal (one the host knows besides triage, e.g. <see cref="SignalNames.Files"/>).</summary>
    public TriageAnnotations WithSignal(string name) =>
        this with { Signals = new HashSet<string>(Signals, StringComparer.OrdinalIgnoreCase) { name } };
}
