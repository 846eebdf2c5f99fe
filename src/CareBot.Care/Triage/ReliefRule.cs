using System.Text.RegularExpressions;

namespace CareBot.Care.Triage;

/// <summary>
/// "thank god she wasn't under it", "thank goodness nobody was hurt": relief, not thanks to the brand. The care model's
/// praise head reads the "thank" in it (0.92 on a bookshelf that tipped over, answered "Thanks for the kind words").
/// Only relief about what happened ("thank god she ...", "thank goodness nobody ..."): "Thank god for Sarah at the
/// desk" still thanks someone, and "thank goodness!! see you friday" is glad.
/// </summary>
internal static partial class ReliefRule
{
    public static bool Says(string text)
    {
        try
        {
            return Relief().IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // As with a cue that times out: no relief read, rather than a turn that fails on a pathological message.
            return false;
        }
    }

    [GeneratedRegex(@"\b(?:thank|thanks) (?:god|goodness|heavens|christ|the lord|fuck|f\*+k|feck)\b,?\s+(?:she|he|they|it|we|i|you|nobody|no ?one|no-one|everyone|everybody|the (?:kids?|baby|dog|cat)|my \w+|that|there)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Relief();
}
