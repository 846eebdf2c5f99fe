using System.Text.RegularExpressions;

namespace CareBot.Care.Incidents;

/// <summary>
/// The key words of a complaint, for grouping similar posts: lower-case words of four letters or more that are not
/// common English filler, at most twelve, in order of first appearance.
/// </summary>
public static partial class KeyWords
{
    private const int MaxWords = 12;

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "this", "that", "with", "have", "from", "they", "your", "what", "when", "will", "just", "been", "were", "there",
        "their", "about", "would", "could", "should", "again", "still", "really", "very", "here", "some", "than", "then",
        "them", "these", "those", "into", "because", "anyone", "anybody", "nobody", "please", "thanks", "today", "does",
        "doesn", "didn", "isn", "aren", "wasn", "cannot", "it's", "i'm", "also", "only", "even", "ever",
        "every", "more", "much", "many", "over", "after", "before", "while", "where", "which", "being", "such",
    };

    public static IReadOnlyList<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        foreach (Match match in Word().Matches(text.ToLowerInvariant()))
        {
            var word = match.Value;
            if (word.Length >= 4 && !Filler.Contains(word) && !words.Contains(word, StringComparer.Ordinal))
            {
                words.Add(word);
                if (words.Count == MaxWords)
                {
                    break;
                }
            }
        }

        return words;
    }

    public static int Shared(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.Count(word => b.Contains(word, StringComparer.Ordinal));

    [GeneratedRegex(@"\p{L}[\p{L}']*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Word();
}
