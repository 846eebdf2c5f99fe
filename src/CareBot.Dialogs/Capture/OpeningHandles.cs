namespace CareBot.Dialogs.Capture;

/// <summary>
/// Whom a public post opens by addressing. Under a brand's post most comments tag a friend ("@dave this is literally
/// you", "@sarah we need this"); they talk to that friend, not to the brand, and an apology or "Good question, we'll
/// answer in private" in reply barges into their conversation. A post that opens with the brand's own handle
/// ("@contoso my parcel is late", a reply in a thread "@contoso_uk @dave ...") is to the brand.
/// </summary>
public static class OpeningHandles
{
    // Instagram names allow letters, digits, '_' and '.'; X/Twitter letters, digits and '_'.
    private static bool IsHandleChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.';

    /// <summary>
    /// True when the text opens with one or more @handles and names none of the brand's anywhere ("@jane same here
    /// @contoso" is to us too): a brand handle is one of <paramref name="brandHandles"/> (compared without '@', case,
    /// '_' or '.'), or one that starts with the brand name ("@contosocare", "@Contoso_UK" for "Contoso") or that the
    /// brand name starts with ("@AmericanAir" for "American Airlines"; four letters at least, so "@ame" is not).
    /// </summary>
    public static bool IsToSomeoneElse(string? text, string? brandName, IReadOnlyList<string> brandHandles)
    {
        ArgumentNullException.ThrowIfNull(brandHandles);
        text ??= string.Empty;
        if (!OpensWithHandle(text))
        {
            return false;
        }

        var brand = Comparable(brandName ?? string.Empty);
        var listed = brandHandles.Select(Comparable).Where(h => h.Length > 0).ToHashSet(StringComparer.Ordinal);
        return !All(text).Any(handle => listed.Contains(handle) || IsBrandName(handle, brand));
    }

    private static bool IsBrandName(string handle, string brand) =>
        brand.Length >= 3
        && (handle.StartsWith(brand, StringComparison.Ordinal) || (handle.Length >= 4 && brand.StartsWith(handle, StringComparison.Ordinal)));

    // "haha @mike you owe me a pizza now", "lol @jen": a laugh before the handle still opens a reply to the friend.
    private static readonly string[] Laughs = ["hahaha", "haha", "lmao", "lol", "omg", "ikr"];

    private static bool OpensWithHandle(string text)
    {
        var start = text.AsSpan().TrimStart();
        foreach (var laugh in Laughs)
        {
            if (start.StartsWith(laugh, StringComparison.OrdinalIgnoreCase) && start.Length > laugh.Length && !char.IsAsciiLetterOrDigit(start[laugh.Length]))
            {
                start = start[laugh.Length..].TrimStart(" !.,😂🤣".AsSpan());
                break;
            }
        }

        return start.Length > 1 && start[0] == '@' && IsHandleChar(start[1]);
    }

    /// <summary>Every @handle in the text (not an e-mail address), each as <see cref="Comparable"/> gives it.</summary>
    internal static IEnumerable<string> All(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '@' || (i > 0 && IsHandleChar(text[i - 1])))
            {
                continue;
            }

            var start = i + 1;
            var end = start;
            while (end < text.Length && IsHandleChar(text[end]))
            {
                end++;
            }

            if (Comparable(text[start..end]) is { Length: > 0 } handle)
            {
                yield return handle;
            }

            i = end - 1;
        }
    }

    // "@Contoso_UK." and "contoso uk" both read "contosouk".
    private static string Comparable(string name) =>
        string.Concat(name.Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant();
}
