using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace CareBot.Care.Triage;

/// <summary>
/// "great phone, but the battery dies by lunchtime": praise first, then the problem after a "but". The care model reads
/// the whole message as praise (the compliment outweighs the problem) and it got "Thanks for the kind words!" in public,
/// the careless answer to a complaint. So where the model finds praise and no complaint, triage judges the words after
/// the last contrast ("but", "however", "only problem is", "tiny thing though:") on their own (<see cref="TryTail"/>
/// finds them); a complaint there, without praise, is the message's complaint. The other way round ("pricey but worth
/// every penny") stays praise.
/// </summary>
internal static partial class PraiseThenProblemRule
{
    // "but it broke" can be judged; "but wow" cannot.
    private const int MinTailWords = 3;

    /// <summary>The contrast word and what follows the last one, when that is at least three words.</summary>
    public static bool TryTail(string text, [NotNullWhen(true)] out string? contrast, [NotNullWhen(true)] out string? tail)
    {
        contrast = tail = null;
        Match match;
        try
        {
            match = LastContrast().Match(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false; // the message keeps the model's reading
        }

        if (!match.Success)
        {
            return false;
        }

        var rest = text[(match.Index + match.Length)..].Trim().TrimStart(':', ',', '-').Trim();
        if (MessageWords.Of(rest).Take(MinTailWords).Count() < MinTailWords)
        {
            return false;
        }

        (contrast, tail) = (match.Value, rest);
        return true;
    }

    /// <summary>The reason a person reads: the contrast, the problem quoted, then why the tail is a complaint.</summary>
    public static string Reason(string contrast, string tail, IEnumerable<string> tailReasons) =>
        $"a problem after \"{contrast}\": \"{SignalDetector.Quote(tail)}\" ({string.Join("; ", tailReasons)})";

    [GeneratedRegex(@"\b(but|however|although|except|only (problem|issue|thing|downside|complaint)( is)?|(tiny|small|little|minor|one) (thing|issue|problem|niggle|bug)( though)?(?=\s*[:,-])|though(?=\s*[:-]))\b", RegexOptions.IgnoreCase | RegexOptions.RightToLeft | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex LastContrast();
}
