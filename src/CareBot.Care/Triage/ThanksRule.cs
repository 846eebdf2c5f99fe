using System.Buffers;
using System.Text.RegularExpressions;

namespace CareBot.Care.Triage;

/// <summary>
/// Does the message thank the brand and say nothing wrong ("Thanks for letting me know.", "I really appreciate the
/// quick call back", "ok great, thanks a lot for your help :)", "Sent the DM, thanks so much for the quick reply!")? The
/// care model's praise head learned compliments; plain thanks scored below its threshold, so a private "thanks for your
/// help" after a resolved case was taken as a new story ("I've noted that for our team") and a public one got no reply.
/// </summary>
/// <remarks>
/// Precision comes first: a thank-you to someone who complained is the careless public answer. So the thanks must lead
/// the message or be thanks <em>for</em> something, or "appreciate the ..."; a question, a request ("please", "can you",
/// "I need", "in advance": "please advise. Thanks in advance") and any word that says something is wrong ("but",
/// "still", "not", "issue", a "n't") rule it out, and triage never lets it fire with a complaint ("thanks for nothing").
/// </remarks>
internal static partial class ThanksRule
{
    // Runs on every message: one pass that finds none of these ends it before any regex runs.
    private static readonly SearchValues<string> Thankers = SearchValues.Create(
        ["thank", "thx", "thnx", "thanx", "ty", "cheers", "appreciate"], StringComparison.OrdinalIgnoreCase);

    public static TriageSignal Evaluate(string text)
    {
        if (text.AsSpan().IndexOfAny(Thankers) < 0 || text.Contains('?', StringComparison.Ordinal))
        {
            return TriageSignal.None;
        }

        try
        {
            var thanks = Thanks().Match(text);
            if (!thanks.Success || SomethingWrong().IsMatch(text) || AsksForSomething().IsMatch(text))
            {
                return TriageSignal.None;
            }

            return new TriageSignal(true, [$"thanks: \"{thanks.Value.Trim()}\""]);
        }
        catch (RegexMatchTimeoutException)
        {
            return TriageSignal.None;
        }
    }

    // Thanks first (after handles and an "ok"), thanks for something, or appreciating something.
    [GeneratedRegex(
        @"^(?:[@.]\S*\s+)*(?:(?:ok|okay|oh|great|perfect|awesome|cool|brilliant|wow|hi|hey)\W*\s+)?(?:many\s+)?(?:thanks|thank\s+(?:you|u)|thx|thnx|thanx|ty|tysm|cheers)\b(?!\s+in\s+advance)"
        + @"|\b(?:thanks|thank\s+(?:you|u)|thx|thnx|thanx)\s+(?:(?:so|very)\s+much\s+|a\s+lot\s+|again\s+)?for\b(?!\s+nothing)"
        + @"|\bappreciate\s+(?:the|your|it|you|all|this|that)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Thanks();

    // A request said with thanks ("Thanks. Please send me a copy of the invoice") is not a goodbye: a "you're welcome"
    // that ends the chat would drop it.
    [GeneratedRegex(
        @"\b(?:please|pls|plz|can you|could you|would you|will you|i need|we need|i want|we want|i['’]d like|i would like|let me know|send me)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex AsksForSomething();

    // Anything that says a thing went wrong, is still wrong or is not done.
    [GeneratedRegex(
        @"\b(?:but|however|though|issue|issues|problem|problems|still|not|no|nothing|never|unfortunately|yet)\b|n['’]t\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex SomethingWrong();
}
