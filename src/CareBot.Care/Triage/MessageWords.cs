using System.Text.RegularExpressions;

namespace CareBot.Care.Triage;

/// <summary>
/// The words of a short message, for the rules that read one word by word (<see cref="GreetingRule"/>,
/// <see cref="ClosingRule"/>): @handles left out, each word as written and in lower case with a letter stretched three
/// or more times read once ("heyyy" is "hey", "byeee" is "bye") and a curly apostrophe read as a straight one.
/// </summary>
internal static partial class MessageWords
{
    /// <summary>
    /// Whether the message could be only a greeting or a closing at all: at most <paramref name="maxLength"/> characters,
    /// with no link and no digit (an order number or a time says something more).
    /// </summary>
    public static bool IsShortAndPlain(string text, int maxLength) =>
        text.Length <= maxLength
        && !text.Contains("http", StringComparison.OrdinalIgnoreCase)
        && text.AsSpan().IndexOfAnyInRange('0', '9') < 0;

    /// <summary>The text with each @handle replaced by a space.</summary>
    public static string WithoutHandles(string text) => Handle().Replace(text, " ");

    public static IEnumerable<(string Written, string Lower)> Of(string text)
    {
        foreach (Match word in Word().Matches(WithoutHandles(text)))
        {
            yield return (word.Value, Stretched().Replace(word.Value.ToLowerInvariant(), "$1").Replace('’', '\''));
        }
    }

    [GeneratedRegex(@"@\w+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Handle();

    [GeneratedRegex(@"\p{L}[\p{L}'’]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Word();

    [GeneratedRegex(@"(\p{L})\1{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Stretched();
}
