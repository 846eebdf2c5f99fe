using System.Buffers;
using System.Text.RegularExpressions;

namespace CareBot.Care.Triage;

/// <summary>
/// Is the message a suggestion or a wish for the brand's products ("bring back the old logo pls", "wish you sold
/// these in kids sizes", "you should open a store in Leeds", "suggestion: let us pick a delivery slot", "would love to
/// see a vegan one", "miss the old recipe")? The care model reads many wishes as complaints, so they got a public
/// "Sorry to hear this ... let's look into it right away" and a private chat for an idea; its praise head thanked
/// others for "kind words". The complaint stays as triage found it (a product taken away is a let-down, and real
/// labels count "bring back ..." as a complaint), but a complaint cue rules the suggestion out ("bring back the old
/// box, the new one arrives broken"), so a script can thank the customer for the idea.
/// </summary>
/// <remarks>
/// A word that says something went wrong or is missing ("not", "never", "still", "again", any "n't") rules it out: "you
/// didn't bring back my card" is no wish, and "please make it stop" is no product idea.
/// </remarks>
internal static partial class SuggestionRule
{
    // Runs on every message: one pass that finds none of these ends it before any regex runs.
    private static readonly SearchValues<string> Markers = SearchValues.Create(
        ["bring", "wish", "should", "please", "pls", "plz", "suggest", "idea", "would love", "would be", "miss", "the old"],
        StringComparison.OrdinalIgnoreCase);

    public static TriageSignal Evaluate(string text)
    {
        if (text.AsSpan().IndexOfAny(Markers) < 0)
        {
            return TriageSignal.None;
        }

        try
        {
            var wish = Wish().Match(text);
            return wish.Success && !SomethingWrong().IsMatch(text)
                ? new TriageSignal(true, [$"a suggestion: \"{wish.Value.Trim()}\""])
                : TriageSignal.None;
        }
        catch (RegexMatchTimeoutException)
        {
            return TriageSignal.None;
        }
    }

    // "you should do better", "you should have told me", "wish you'd have told me", "please do something", "would like
    // a refund": not here, they ask for a problem to be put right.
    [GeneratedRegex(
        @"\bbring (?:back|(?:it|them|this|that) back)\b"
        + @"|\b(?:i )?wish (?:you|u|y'all|yall)(?: guys)? (?:(?:would|'d)(?! have)|sold|made|did|stocked|offered|brought|delivered|opened)\b"
        + @"|\b(?:you|u|y'all|yall)(?: guys)? should (?:make|sell|bring|add|open|stock|offer|start|consider|launch|release|collab|partner|come)\b"
        + @"|\b(?:please|pls|plz) (?:make|bring|sell|stock|launch|release|consider|open|restock|collab|come)\b|\b(?:please|pls|plz) do (?:a|an|more)\b"
        + @"|\b(?:suggestion|idea|feature request)\s*[:\-–]|\bjust a suggestion\b|\b(?:a|my) suggestion (?:for|would be)\b|\bi suggest\b"
        + @"|\bwould love (?:to see|it if|if you|if u|more|some|a|an)\b|\bwould be (?:great|nice|cool|amazing|awesome|lovely) if (?:you|u)\b"
        + @"|\bmiss(?:ing)? the (?:old|original)\b|\bthe (?:old|original) \w+ (?:was|were) (?:\w+ )?(?:better|easier|nicer|simpler|tastier|cheaper|faster|clearer)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Wish();

    [GeneratedRegex(
        @"\b(?:not|no|never|nothing|nobody|still|again|refund|broken|unacceptable)\b|n['’]t\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex SomethingWrong();
}
