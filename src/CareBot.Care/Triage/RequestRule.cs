using System.Buffers;
using System.Collections.Frozen;

namespace CareBot.Care.Triage;

/// <summary>
/// Is the message only a bare request ("help", "refund please", "cancel my order", "I need help with my account")?
/// Customers open a chat that way and say what happened next. On so few words the care model guessed: "help" scored
/// 0.79 complaint and "refund" 0.62, so "help" got "I'm really sorry, that sounds frustrating ... I'm listening" and
/// became the story. The script asks what is going on instead. The complaint cues still count ("cancel my order,
/// worst service ever" is not a bare request anyway), and anything more than the request ("help, my parcel never
/// came", "refund for order AB-123456", "#help") is not one.
/// </summary>
internal static class RequestRule
{
    // A bare request is a few words; a longer message says what happened.
    private const int MaxLength = 40;

    // At least one of these must be there: what the customer wants help with. Person words ("agent", "human") are
    // not here: asking for a person is the wantsHuman signal.
    private static readonly FrozenSet<string> RequestWords = FrozenSet.Create(StringComparer.Ordinal,
        "help", "assist", "assistance", "support", "refund", "cancel", "cancellation", "return", "exchange", "order",
        "status", "track", "tracking", "delivery", "billing", "bill", "invoice", "payment", "account", "password",
        "login", "booking", "reservation", "subscription", "question", "query", "enquiry", "inquiry", "info",
        "information", "receipt", "warranty");

    // Words that may come with a request without saying anything went wrong ("hi, I would like a refund please").
    // No negation, no "still" or "again": those tell of a problem.
    private static readonly FrozenSet<string> FillerWords = FrozenSet.Create(StringComparer.Ordinal,
        "i", "i'd", "id", "need", "want", "would", "like", "to", "a", "an", "the", "my", "with", "please", "pls", "plz",
        "can", "could", "you", "u", "me", "some", "for", "on", "about", "hi", "hello", "hey", "there", "team", "get",
        "make", "request", "reset", "check", "update", "quick", "have", "got", "is", "of", "it", "this", "regarding", "method",
        "label", "details", "number", "address");

    // Runs on every message: one pass that finds no request word (most short messages) ends it without splitting words.
    private static readonly SearchValues<string> Requests = SearchValues.Create([.. RequestWords], StringComparison.OrdinalIgnoreCase);

    public static TriageSignal Evaluate(string text)
    {
        if (!MessageWords.IsShortAndPlain(text, MaxLength)
            || text.Contains('#', StringComparison.Ordinal)
            || text.AsSpan().IndexOfAny(Requests) < 0)
        {
            return TriageSignal.None;
        }

        var asked = false;
        foreach (var (_, lower) in MessageWords.Of(text))
        {
            if (RequestWords.Contains(lower))
            {
                asked = true;
            }
            else if (!FillerWords.Contains(lower))
            {
                return TriageSignal.None;
            }
        }

        return asked ? new TriageSignal(true, [$"only a request: \"{text.Trim()}\""]) : TriageSignal.None;
    }
}
