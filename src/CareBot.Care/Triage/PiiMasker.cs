using System.Text;
using System.Text.RegularExpressions;
using CareBot.Care.Triage.Cues;

namespace CareBot.Care.Triage;

/// <summary>
/// Finds personal data (emails, phone numbers, Luhn-valid card numbers, order numbers, street addresses) and masks it
/// for public replies and logs. Usable on its own: <c>PiiMasker.Default.Mask(text)</c>. Thread-safe.
/// </summary>
public sealed partial class PiiMasker
{
    private static readonly Lazy<PiiMasker> Shared = new(() => new PiiMasker(TriageCueLoader.LoadEmbedded()));

    private readonly Regex orderNumber;
    private readonly Regex? address;

    public PiiMasker(TriageCues cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        orderNumber = cues.OrderNumber;
        address = cues.Address;
    }

    /// <summary>A masker with the order-number and address patterns of the embedded cue file.</summary>
    public static PiiMasker Default => Shared.Value;

    /// <summary>Finds personal data in <paramref name="text"/>: spans in order of position, never overlapping.</summary>
    public IReadOnlyList<PiiSpan> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<PiiSpan>();

        // Most specific first: a card number must not be taken for a phone number, nor an email's digits for an order.
        // Cheap pre-checks keep long texts without an @ or a digit from paying for the scans.
        var hasAt = text.Contains('@', StringComparison.Ordinal);
        var hasDigit = text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;
        foreach (Match match in hasAt ? SafeMatches(EmailPattern(), text) : [])
        {
            Add(found, PiiKind.Email, match.Index, match.Length);
        }

        foreach (Match match in hasDigit ? SafeMatches(CardPattern(), text) : [])
        {
            if (IsLuhnValid(match.ValueSpan) || SaidToBeACard(text, match.Index))
            {
                Add(found, PiiKind.Card, match.Index, match.Length);
            }
        }

        foreach (Match match in hasDigit ? SafeMatches(orderNumber, text) : [])
        {
            var number = match.Groups["number"];
            var span = number.Success ? (Group)number : match;
            Add(found, PiiKind.OrderNumber, span.Index, span.Length);
        }

        foreach (Match match in hasDigit ? SafeMatches(PhonePattern(), text) : [])
        {
            var digits = CountDigits(match.ValueSpan);
            if (digits is >= 10 and <= 15 || (match.ValueSpan.StartsWith("+") && digits >= 8))
            {
                Add(found, PiiKind.Phone, match.Index, match.Length);
            }
        }

        if (address is not null)
        {
            foreach (Match match in hasDigit ? SafeMatches(address, text) : [])
            {
                Add(found, PiiKind.Address, match.Index, match.Length);
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>Returns <paramref name="text"/> with its personal data masked.</summary>
    public string Mask(string text) => Mask(text, Find(text));

    /// <summary>Masks the given spans (as returned by <see cref="Find"/>) in <paramref name="text"/>.</summary>
    public static string Mask(string text, IReadOnlyList<PiiSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(spans);
        if (spans.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var span in spans)
        {
            if (span.Start < position || span.Start + span.Length > text.Length)
            {
                throw new ArgumentException("PII spans must be in order, within the text and not overlapping.", nameof(spans));
            }

            builder.Append(text, position, span.Start - position);
            builder.Append(Replacement(span.Kind, text.AsSpan(span.Start, span.Length)));
            position = span.Start + span.Length;
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }

    private static string Replacement(PiiKind kind, ReadOnlySpan<char> value) => kind switch
    {
        PiiKind.Email => "[email]",
        PiiKind.Phone => "[phone]",
        PiiKind.Card => $"[card ending {LastDigits(value, 4)}]",
        // Agents recognise an order by its last digits; the rest is hidden.
        PiiKind.OrderNumber => new string('*', Math.Max(0, value.Length - 2)) + value[Math.Max(0, value.Length - 2)..].ToString(),
        PiiKind.Address => "[address]",
        _ => "[private]",
    };

    private static string LastDigits(ReadOnlySpan<char> value, int count)
    {
        Span<char> digits = stackalloc char[count];
        var found = 0;
        for (var i = value.Length - 1; i >= 0 && found < count; i--)
        {
            if (char.IsAsciiDigit(value[i]))
            {
                digits[count - 1 - found] = value[i];
                found++;
            }
        }

        return digits[(count - found)..].ToString();
    }

    private static void Add(List<PiiSpan> found, PiiKind kind, int start, int length)
    {
        foreach (var existing in found)
        {
            if (start < existing.Start + existing.Length && existing.Start < start + length)
            {
                return;
            }
        }

        found.Add(new PiiSpan(kind, start, length));
    }

    private static IEnumerable<Match> SafeMatches(Regex regex, string text)
    {
        var match = SafeMatch(regex, text, 0);
        while (match is { Success: true })
        {
            yield return match;
            match = SafeNext(match);
        }
    }

    private static Match? SafeMatch(Regex regex, string text, int start)
    {
        try
        {
            return regex.Match(text, start);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static Match? SafeNext(Match match)
    {
        try
        {
            return match.NextMatch();
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static int CountDigits(ReadOnlySpan<char> value)
    {
        var digits = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }

        return digits;
    }

    /// <summary>
    /// "my card number is 4929 1234 5678 9012": a card number mistyped by a digit fails the Luhn check but is still most
    /// of the card's number (it got no public reply, and no advice to take it out). "card" just before it says so.
    /// </summary>
    private static bool SaidToBeACard(string text, int start)
    {
        const int LookBack = 25;
        var from = Math.Max(0, start - LookBack);
        return text.AsSpan(from, start - from).Contains("card", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The Luhn checksum every payment card number satisfies; it rules out most other long numbers.</summary>
    internal static bool IsLuhnValid(ReadOnlySpan<char> value)
    {
        var sum = 0;
        var digits = 0;
        var doubleIt = false;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            var c = value[i];
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            var d = c - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            digits++;
            doubleIt = !doubleIt;
        }

        return digits is >= 13 and <= 19 && sum % 10 == 0;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]?\d{2,5}){1,4}(?![\w])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex PhonePattern();
}
