using System.Text.RegularExpressions;

namespace CareBot.Web.Console;

/// <summary>The <c>@name</c> mentions in an internal note: user names as accounts have them (lower case).</summary>
public static partial class NoteMentions
{
    /// <summary>Each mentioned user name once, in order, lower case; an e-mail address is not a mention.</summary>
    public static IReadOnlyList<string> Find(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : Mention().Matches(text).Select(m => m.Groups["name"].Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();

    // "@ana" at the start or after a non-word character (so "sam@example.com" mentions nobody); names end before
    // trailing punctuation ("@ana," and "@ana." mention ana).
    [GeneratedRegex(@"(?<![\w@])@(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Mention();
}
