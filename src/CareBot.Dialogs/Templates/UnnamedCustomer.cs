using System.Text.RegularExpressions;

namespace CareBot.Dialogs.Templates;

/// <summary>
/// A text for a customer whose channel gave no name. "Hi {user.name}" reads well as "Hi there", but a name in the
/// middle of a sentence does not: "Of course, there, happy to help", "Thank you, there." So the name goes with its
/// comma ("Of course, happy to help", "Thank you."), a sentence that starts with it starts with the next word ("{user.name},
/// we've messaged you" → "We've messaged you"), and only what is left (a greeting) becomes "there".
/// </summary>
public static partial class UnnamedCustomer
{
    /// <summary>What <c>{user.name}</c> still says after <see cref="Fit"/>: "Hi there".</summary>
    public const string Name = "there";

    /// <summary>The text without the name where "there" would not read as a greeting.</summary>
    public static string Fit(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var withoutTrailing = NameAfterComma().Replace(text, string.Empty);
        return NameOpeningASentence().Replace(withoutTrailing, m => m.Groups[1].Value + m.Groups[2].Value.ToUpperInvariant());
    }

    // ", {user.name}" before a comma, a full stop, "!", "?", ":" or ";", or at the end.
    [GeneratedRegex(@",\s*\{\s*user\.name\s*\}(?=\s*(?:[,.!?:;]|$))", RegexOptions.CultureInvariant)]
    private static partial Regex NameAfterComma();

    // "{user.name}, we've ..." at the start of the text or of a sentence.
    [GeneratedRegex(@"(^|[.!?]\s+)\{\s*user\.name\s*\},\s*(\p{Ll})", RegexOptions.CultureInvariant)]
    private static partial Regex NameOpeningASentence();
}
