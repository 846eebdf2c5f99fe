using System.Text.RegularExpressions;
using CareBot.Care.Triage;

namespace CareBot.Care.Bot;

/// <summary>
/// What is kept of a customer's message: a card number becomes "[card ending 9012]", and what follows "password is",
/// "CVV", "PIN", "one-time code" or "maiden name is" becomes "[removed]". Triage reads the whole message first (the bot
/// still warns "please don't send card details or passwords"); the dialog's captures, the case an agent reads, the
/// conversation state and an incident's sample get only this. A card number is never to be stored whole (PCI DSS), and
/// a password or code is the customer's, not ours (2026-12-07 trial: the case held a card number with its CVV and a
/// password).
/// </summary>
public static partial class SecretRedactor
{
    public const string Removed = "[removed]";

    /// <summary>Whether the message holds a password, PIN, CVV, one-time code or security answer (the <c>secret</c> signal).</summary>
    public static bool HasSecret(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        try
        {
            return Secret().IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>The message with card numbers and secrets taken out; null stays null.</summary>
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var cards = PiiMasker.Default.Find(text).Where(span => span.Kind == PiiKind.Card).ToList();
        var withoutCards = cards.Count == 0 ? text : PiiMasker.Mask(text, cards);
        try
        {
            return Secret().Replace(withoutCards, match => match.Groups["label"].Value + match.Groups["glue"].Value + Removed);
        }
        catch (RegexMatchTimeoutException)
        {
            return withoutCards;
        }
    }

    // After the label: anything after ":" or "=", else a word with a digit or a symbol ("Sunflower2020", "482913"), so
    // "my password doesn't work" and "the code is wrong" keep their words; a security answer is the word after "is".
    [GeneratedRegex(@"\b(?<label>pass ?words?|passcodes?|pins?|pin numbers?|cvv2?|cvc|security codes?|security numbers?|one[- ]time (?:pass ?)?codes?|otp|verification codes?|login codes?|sms codes?)(?:(?<glue>\s*[:=]\s*)(?<secret>\S+)|(?<glue>\s+(?:is|was|are|were|it's|its)?\s*)(?<secret>(?=\S*[0-9!@#$%^&*_+=~])[^\s.,;!?]{3,}))|\b(?<label>maiden name|memorable (?:word|information|answer|name|place)|security answer|secret answer)(?<glue>\s+(?:is|was)\s+|\s*[:=]\s*)(?<secret>[^\s.,;!?]{2,})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex Secret();
}
