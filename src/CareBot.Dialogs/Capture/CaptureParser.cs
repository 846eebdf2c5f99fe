using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;

namespace CareBot.Dialogs.Capture;

/// <summary>
/// Recognizes typed values: <see cref="TryAccept"/> checks an answer to a question; <see cref="TryFind"/> looks for a
/// value anywhere in a longer message (extract nodes).
/// </summary>
public static partial class CaptureParser
{
    private static readonly string[] Yes = ["yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "correct", "right", "absolutely", "of course", "please do", "that's right", "indeed"];
    private static readonly string[] No = ["no", "n", "nope", "nah", "not really", "no thanks", "no thank you", "negative", "not at all", "don't", "do not"];

    /// <summary>The group of a spotted pattern that is the value, when the pattern matches words around it too.</summary>
    public const string ValueGroup = "value";

    /// <summary>"solid 4", "i'd say 3": at most this many words beside a bare rating.</summary>
    private const int MaxWordsAroundARating = 3;

    /// <summary>Words that make a lone small number something else than a rating ("2 days", "3 times").</summary>
    private static readonly string[] RatingLookAlikeUnits = ["day", "days", "hour", "hours", "hrs", "week", "weeks", "month", "months", "year", "years", "minute", "minutes", "mins", "times", "am", "pm", "items", "orders"];

    /// <summary>Words that deny a scale word ("not excellent", "far from excellent", "wasnt excellent").</summary>
    private static readonly string[] ScaleWordDenials = ["not", "never", "hardly", "far", "anything", "less", "dont", "isnt", "wasnt", "wouldnt", "didnt", "aint"];

    private static readonly string[] NumberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    /// <summary>Accepts a whole answer as a value of the spec's type, normalized.</summary>
    public static bool TryAccept(CaptureSpec spec, string answer, out CapturedValue value)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(answer);
        var text = answer.Trim();
        value = null!;
        CapturedValue? result = spec.Type switch
        {
            CaptureType.Text => text.Length > 0 ? new CapturedValue(CaptureType.Text, text) : null,
            CaptureType.Email => EmailWhole().IsMatch(text) ? new CapturedValue(CaptureType.Email, text.ToLowerInvariant()) : Inside(spec, text) ?? SpelledEmail(text),
            CaptureType.Phone => Phone(text, whole: true) ?? Inside(spec, text),
            CaptureType.OrderNumber => WholeMatch(spec, text) ?? Inside(spec, text) ?? SpacedDefaultOrder(spec, text),
            // A pattern with a group named "value" also finds it in a longer answer ("yes it's MQ7T2L" to a booking
            // reference), as spot and extract do; a pattern without one must be the whole answer.
            CaptureType.Regex => WholeMatch(spec, text) ?? (HasValueGroup(spec) ? FindMatch(spec, text) : null),
            CaptureType.Number => Number(spec, text) ?? Inside(spec, text.Replace(",", string.Empty, StringComparison.Ordinal)),
            CaptureType.YesNo => YesNo(text),
            CaptureType.Choice => Choice(spec, text),
            CaptureType.Rating => Rating(text) ?? ScaleWord(spec, text),
            _ => null,
        };
        if (result is null)
        {
            return false;
        }

        value = result;
        return true;
    }

    /// <summary>Finds a value of the spec's type inside a message.</summary>
    public static bool TryFind(CaptureSpec spec, string message, out CapturedValue value)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(message);
        value = null!;
        CapturedValue? result = spec.Type switch
        {
            CaptureType.Email => TheirEmail(message) is { } m ? new CapturedValue(CaptureType.Email, m.Value.ToLowerInvariant()) : null,
            CaptureType.Phone => PhoneInside().Matches(message).Where(m => !NamedAsAnotherNumber(message, m.Index) && !InsideALink(message, m.Index) && !PartOfAReference(message, m.Index)).Select(m => Phone(m.Value, whole: false)).FirstOrDefault(v => v is not null),
            CaptureType.OrderNumber => FindMatch(spec, message) ?? NamedSpacedDefaultOrder(spec, message),
            CaptureType.Regex => FindMatch(spec, message),
            CaptureType.Choice => Choice(spec, message),
            CaptureType.Number => NumberInside().Match(message) is { Success: true } n ? Number(spec, n.Value) : null,
            _ => TryAccept(spec, message, out var whole) ? whole : null,
        };
        if (result is null)
        {
            return false;
        }

        value = result;
        return true;
    }

    /// <summary>
    /// "sam at example dot com", "sam(at)example(dot)co(dot)uk", "sam @ example.com": an address spelled out so that
    /// spam robots can't read it, as a whole answer to the email question only (never spotted inside a story).
    /// </summary>
    private static CapturedValue? SpelledEmail(string text)
    {
        if (SpelledEmailWhole().Match(text) is not { Success: true } m)
        {
            return null;
        }

        var domain = SpelledDot().Replace(m.Groups["domain"].Value, ".");
        var local = SpelledDot().Replace(m.Groups["local"].Value, "."); // "sam dot green at example dot com"
        var email = (local + "@" + domain).ToLowerInvariant();
        return EmailWhole().IsMatch(email) ? new CapturedValue(CaptureType.Email, email) : null;
    }

    // People answer in sentences ("it's AB-123456", "my email is sam@example.com"): accept one clear value inside.
    private static CapturedValue? Inside(CaptureSpec spec, string text) => TryFind(spec, text, out var found) ? found : null;

    /// <summary>
    /// Whether the message says it gives a phone number ("or call me on ...", "my mobile is ..."). At a question whose
    /// answers hold digits, a number without such a word is a mistyped answer, not a number for the team to call.
    /// </summary>
    public static bool SaysPhone(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return PhoneWord().IsMatch(message);
    }

    /// <summary>
    /// The customer's own address among those in a message: the one they call theirs ("his email was david.r@... but i
    /// cant get into it. mine is sam.r@..."), else the first that is nobody else's ("hers was jean@..."), else the
    /// first; never one they wrote to. A widow's case held her late husband's inbox, which she cannot open, and a
    /// carer's their father's, which he never reads (2026-12-07 trials).
    /// </summary>
    private static Match? TheirEmail(string message)
    {
        var emails = EmailInside().Matches(message).Where(m => !WrittenTo(message, m.Index)).ToList();
        return emails.Count <= 1 ? emails.FirstOrDefault()
            : emails.FirstOrDefault(m => Labelled(OwnEmailLabel(), message, m.Index))
              ?? emails.FirstOrDefault(m => !Labelled(SomeoneElsesEmailLabel(), message, m.Index))
              ?? emails[0];
    }

    /// <summary>Whether the words just before <paramref name="index"/> (up to 40 characters) say what follows, by <paramref name="label"/>.</summary>
    private static bool Labelled(Regex label, string message, int index)
    {
        var start = Math.Max(0, index - 40);
        return label.IsMatch(message.AsSpan(start, index - start));
    }

    /// <summary>
    /// "I sent it to help@contoso.com from sarah@icloud.com": an address the customer wrote to is not theirs. Taken as
    /// theirs, the case would have our team write to itself (2026-12-07 trial).
    /// </summary>
    private static bool WrittenTo(string message, int index) => Labelled(WrittenToLabel(), message, index);

    /// <summary>
    /// "my account number is 12345678901", "ref.5550199": the words before the digits say what they are, and it is not
    /// a phone number. Taken as one, the bot told the customer "our team will use the phone number you gave us".
    /// </summary>
    private static bool NamedAsAnotherNumber(string message, int index) =>
        Labelled(AnotherNumberLabel(), message, index) || Labelled(NumberTheyCalled(), message, index);

    /// <summary>
    /// "policy number is MTR-1147702", "ref AB1147702": digits that follow letters belong to a reference. The policy
    /// number's digits were kept as a phone number for the team to call.
    /// </summary>
    private static bool PartOfAReference(string message, int index) =>
        index > 0 && (char.IsLetter(message[index - 1]) || (message[index - 1] == '-' && index > 1 && char.IsLetter(message[index - 2])));

    /// <summary>
    /// "bbc.co.uk/news/business-68123456": digits in a link are not a phone number (the team was given one to call).
    /// </summary>
    private static bool InsideALink(string message, int index)
    {
        var tokenStart = message.LastIndexOfAny([' ', '\t', '\n'], Math.Max(0, index - 1)) + 1;
        var token = message.AsSpan(tokenStart, index - tokenStart);
        return token.Contains("://", StringComparison.Ordinal) || token.StartsWith("www.", StringComparison.OrdinalIgnoreCase) || token.Contains('/');
    }

    private static CapturedValue? Phone(string text, bool whole)
    {
        // "due on 12.05.2026" is a date, not a phone number the team would call.
        if ((whole && !PhoneChars().IsMatch(text)) || DateShape().IsMatch(text.Trim()))
        {
            return null;
        }

        var digits = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        var plus = text.TrimStart().StartsWith('+') ? "+" : string.Empty;
        return digits.Length is >= 7 and <= 15 ? new CapturedValue(CaptureType.Phone, plus + digits) : null;
    }

    private static CapturedValue? WholeMatch(CaptureSpec spec, string text)
    {
        if (spec.Pattern is null)
        {
            return null;
        }

        try
        {
            var match = spec.Pattern.Match(text);
            return match.Success && match.Index == 0 && match.Length == text.Length ? Normalized(spec, ValueOf(match)) : null;
        }
        catch (RegexMatchTimeoutException)
        {
            // A script's pattern that runs past its time (ScriptParser.RegexTimeout; a loaded machine was enough once)
            // finds nothing: the message is not taken as the value, and the turn goes on. It crashed the turn.
            return null;
        }
    }

    /// <summary>The part of a match that is the value: its "value" group when the pattern has one that matched.</summary>
    private static string ValueOf(Match match) =>
        match.Groups[ValueGroup] is { Success: true, Length: > 0 } value ? value.Value : match.Value;

    private static bool HasValueGroup(CaptureSpec spec) => spec.Pattern is { } pattern && pattern.GroupNumberFromName(ValueGroup) >= 0;

    private static CapturedValue? FindMatch(CaptureSpec spec, string message)
    {
        if (spec.Pattern is null)
        {
            return null;
        }

        // A pattern found inside a longer message must stand alone: "AB-1234567" does not hold "AB-123456". A pattern
        // with a group named "value" keeps only that part: "account number is (?<value>\d+)" keeps the number.
        try
        {
            foreach (Match match in spec.Pattern.Matches(message))
            {
                var before = match.Index == 0 || !char.IsLetterOrDigit(message[match.Index - 1]);
                var end = match.Index + match.Length;
                var after = end == message.Length || !char.IsLetterOrDigit(message[end]);
                if (before && after && match.Length > 0)
                {
                    return Normalized(spec, ValueOf(match));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // As in WholeMatch: past its time, the pattern finds nothing.
        }

        return null;
    }

    private static CapturedValue Normalized(CaptureSpec spec, string value)
    {
        if (spec.Type != CaptureType.OrderNumber)
        {
            return new(spec.Type, value);
        }

        // The default pattern's number is written one way (AB-123456), however it was typed, so lookups find it.
        var order = value.ToUpperInvariant();
        return new(spec.Type, IsDefaultOrderPattern(spec) && !order.Contains('-', StringComparison.Ordinal) ? order[..2] + "-" + order[2..] : order);
    }

    // "AB 123456", "ab 559 012", "A B 5 5 9 0 1 2", "#AB.559-012", "order no: AB- 559012" as the whole answer: spaces, dots or dashes where
    // people put them. Only inside a message it could be "at 123456" (NamedSpacedDefaultOrder).
    private static CapturedValue? SpacedDefaultOrder(CaptureSpec spec, string text) =>
        IsDefaultOrderPattern(spec) && SpacedOrder().Match(text) is { Success: true } spaced ? SpacedValue(spec, spaced) : null;

    // "my order ab 559 012 never came": spaced, inside a message, only right after the word "order" (2026-12-07 trial:
    // the customer was asked for the number they had just given).
    private static CapturedValue? NamedSpacedDefaultOrder(CaptureSpec spec, string message) =>
        IsDefaultOrderPattern(spec) && NamedSpacedOrder().Match(message) is { Success: true } spaced ? SpacedValue(spec, spaced) : null;

    private static CapturedValue SpacedValue(CaptureSpec spec, Match spaced) =>
        Normalized(spec, string.Concat(spaced.Groups["letters"].Value, spaced.Groups["first"].Value, spaced.Groups["last"].Value).Replace(" ", string.Empty, StringComparison.Ordinal));

    private static bool IsDefaultOrderPattern(CaptureSpec spec) =>
        spec.Pattern is { } pattern && pattern.ToString() == ScriptParser.DefaultOrderPattern;

    private static CapturedValue? Number(CaptureSpec spec, string text)
    {
        var cleaned = text.Replace(",", string.Empty, StringComparison.Ordinal);
        if (!decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            var word = Array.IndexOf(NumberWords, TextMatch.Normalize(text));
            if (word < 0)
            {
                return null;
            }

            number = word;
        }

        if ((spec.Min is { } min && number < min) || (spec.Max is { } max && number > max))
        {
            return null;
        }

        return new CapturedValue(CaptureType.Number, number.ToString(CultureInfo.InvariantCulture), Number: number);
    }

    private static CapturedValue? YesNo(string text)
    {
        // "no" first: "not really" must not count as a yes because of a later word.
        if (No.Any(n => TextMatch.StartsWithPhrase(text, n)))
        {
            return new CapturedValue(CaptureType.YesNo, "no", Flag: false);
        }

        return Yes.Any(y => TextMatch.StartsWithPhrase(text, y)) ? new CapturedValue(CaptureType.YesNo, "yes", Flag: true) : null;
    }

    // The key or a synonym as whole words, in a whole answer or inside a message alike (an answer that is exactly the
    // phrase contains it).
    private static CapturedValue? Choice(CaptureSpec spec, string text)
    {
        foreach (var (key, synonyms) in spec.Choices)
        {
            if (TextMatch.ContainsPhrase(text, key) || TextMatch.ContainsAnyPhrase(text, synonyms))
            {
                return new CapturedValue(CaptureType.Choice, key);
            }
        }

        return null;
    }

    /// <summary>
    /// "excellent" to "from 1 (poor) to 5 (excellent)": the scale's own words, which the script lists as the rating's
    /// <c>choices</c> ("5": [excellent]), in a short answer that does not deny them ("not excellent" is no 5).
    /// </summary>
    private static CapturedValue? ScaleWord(CaptureSpec spec, string text)
    {
        if (spec.Choices.Count == 0)
        {
            return null;
        }

        var words = TextMatch.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > MaxWordsAroundARating + 1 || words.Any(w => ScaleWordDenials.Contains(w) || w.EndsWith("n't", StringComparison.Ordinal)))
        {
            return null;
        }

        var said = spec.Choices.Where(choice => TextMatch.ContainsAnyPhrase(text, choice.Value)).Select(choice => choice.Key).ToList();
        return said is [var key] && int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var rating) && rating is >= 1 and <= 5
            ? new CapturedValue(CaptureType.Rating, rating.ToString(CultureInfo.InvariantCulture), Number: rating)
            : null;
    }

    private static CapturedValue? Rating(string text)
    {
        var normalized = TextMatch.Normalize(text);
        var stars = text.Count(c => c == '\u2B50' || c == '\u2605');
        int? rating = stars is >= 1 and <= 5 ? stars : null;
        if (rating is null)
        {
            var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var first = words.FirstOrDefault() ?? string.Empty;
            rating = int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : Array.IndexOf(NumberWords, first) is var w and > 0 ? w : null;

            // "10/10" or "8 out of 10": the customer used a scale of ten; halve it (rounding up) rather than ask again.
            if (rating is >= 0 and <= 10 && (words is [_, "10", ..] || words is [_, "out", "of", "10", ..]))
            {
                rating = HalfOfTen(rating.Value);
            }
        }

        // "yes it was sorted, 5 stars" or "quick reply, 9/10": a rating said inside a sentence, with its scale, once.
        if (rating is null or > 5 or < 1)
        {
            var said = RatingInside().Matches(text.ToLowerInvariant())
                .Select(m => m.Groups["scale"].Value == "10" ? HalfOfTen(RatingNumber(m.Groups["n"].Value)) : RatingNumber(m.Groups["n"].Value))
                .Distinct()
                .ToList();
            rating = said.Count == 1 ? said[0] : rating;
        }

        // "solid 4", "a 5", "i'd say 3", "3ish": a short answer whose only number is a lone 1-5 (not "2 days", not "3 or 4").
        if (rating is null or > 5 or < 1)
        {
            var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w is [var d, 'i', 's', 'h'] && char.IsAsciiDigit(d) ? d.ToString() : w).ToArray();
            if (words.Length <= MaxWordsAroundARating + 1 && words.Where(w => w.Any(char.IsAsciiDigit)).ToList() is [[var digit and >= '1' and <= '5']]
                && !words.Any(RatingLookAlikeUnits.Contains))
            {
                rating = digit - '0';
            }
        }

        return rating is >= 1 and <= 5 ? new CapturedValue(CaptureType.Rating, rating.Value.ToString(CultureInfo.InvariantCulture), Number: rating.Value) : null;
    }

    private static int HalfOfTen(int outOfTen) => Math.Max(1, (int)Math.Round(outOfTen / 2.0, MidpointRounding.AwayFromZero));

    private static int RatingNumber(string said) =>
        int.TryParse(said, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : Array.IndexOf(NumberWords, said);

    // "5 stars", "five star", "4/5", "4 out of 5", "9/10"; not "4-5 days" (no scale) or "24/7".
    [GeneratedRegex(@"(?<![\d/])\b(?<n>10|[0-9]|one|two|three|four|five)\s*(?:-\s*)?(?:stars?\b|(?:/|out of)\s*(?<scale>5|10)\b(?![/\d]))", RegexOptions.CultureInvariant)]
    private static partial Regex RatingInside();

    [GeneratedRegex(@"^[^@\s<>(),;:""]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailWhole();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailInside();

    [GeneratedRegex(@"^(?:(?:it'?s|it is|my email is|email is|email:)\s+)?(?<local>[A-Za-z0-9._%+-]+(?:(?:\s+dot\s+|\s*[(\[]dot[)\]]\s*)[A-Za-z0-9._%+-]+)*)(?:\s+at\s+|\s*[(\[]at[)\]]\s*|\s*@\s*)(?<domain>[A-Za-z0-9-]+(?:(?:\s*\.\s*|\s+dot\s+|\s*[(\[]dot[)\]]\s*)[A-Za-z0-9-]+)+)\.?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SpelledEmailWhole();

    [GeneratedRegex(@"\s*\.\s*|\s+dot\s+|\s*[(\[]dot[)\]]\s*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SpelledDot();

    [GeneratedRegex(@"^(?:(?:it'?s|it is|my|the)\s+)?(?:order(?:\s*(?:number|num|no\.?|#))?\s*(?:is|:)?\s*)?#?\s*(?!(?:is|no)\b)(?<letters>[A-Za-z] ?[A-Za-z])[\s.-]*(?<first>\d ?\d ?\d)[\s.-]?(?<last>\d ?\d ?\d)[.!]?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SpacedOrder();

    [GeneratedRegex(@"\border(?:\s*(?:number|num|no\.?|#))?\s*(?:is|:)?\s*#?\s*(?!(?:is|no)\b)(?<letters>[A-Za-z]{2})(?:[\s.]+|\s*-\s+|\s+-\s*)(?<first>\d{3})[\s.-]?(?<last>\d{3})(?![\w-])|\border(?:\s*(?:number|num|no\.?|#))?\s*(?:is|:)?\s*#?\s*(?!(?:is|no)\b)(?<letters>[A-Za-z]{2})-?(?<first>\d{3})[\s.-](?<last>\d{3})(?![\w-])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NamedSpacedOrder();

    // 12.05.2026, 5/12/26, 12-05-2026, 2026-05-12 (a phone number has longer groups: 555.123.4567).
    [GeneratedRegex(@"^(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})|\d{4}-\d{1,2}-\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateShape();

    [GeneratedRegex(@"^\+?[0-9][0-9 ().-]*[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneChars();

    [GeneratedRegex(@"\+?[0-9][0-9 ().-]{5,}[0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneInside();

    [GeneratedRegex(@"\b(?:call|ring|phone|mobile|cell|tel|telephone|landline|text|sms|whatsapp|reach me|contact me|my number)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PhoneWord();

    // "I rang 0800 123 456 three times", "called your helpline on ...": the brand's own number, not one to call back on.
    [GeneratedRegex(@"\b(?:called|rang|phoned|dialled|dialed|tried calling|tried ringing|helpline|hotline|freephone)\s+(?:you\s+|your\s+\w+\s+)?(?:on\s+|at\s+|is\s+)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NumberTheyCalled();

    [GeneratedRegex(@"\b(?:account|acct|a/c|customer|member(?:ship)?|booking|reference|ref|ticket|policy|invoice|order|tracking|card|case|claim|confirmation|conf|serial|meter|reg(?:istration)?|iban|sort code)\.?\s*(?:number|no\.?|num|nr|id|code|#)?\s*(?:is|was|:|=)?\s*#?\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AnotherNumberLabel();

    [GeneratedRegex(@"(?:\b(?:sent|forwarded|wrote|written|writing|replied|complained|copied)\b(?:\s+\w+){0,3}?\s+to|\b(?:e-?mailed|contacted|cc['’]?d))\s+(?:you\s+)?(?:at\s+|on\s+|via\s+)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex WrittenToLabel();

    // "mine is", "my own is", "my email is", "reach me at", "use": the words just before the customer's own address.
    [GeneratedRegex(@"\b(?:mine|my own|my (?:e-?mail|address|email address)|my personal (?:e-?mail|one)|reach me|contact me|email me|write to me|get me|use|me)\b(?:\s+(?:one|address|email|e-?mail))?\s*(?:is|'s|s|=|:|at|on)?\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OwnEmailLabel();

    // "his email was", "hers is", "my husband's address:", "mum's email": someone else's address.
    [GeneratedRegex(@"\b(?:his|her|hers|their|theirs|(?:my|our)\s+(?:late\s+)?(?:husband|wife|partner|mum|mom|mother|dad|father|son|daughter|brother|sister|gran|grandma|granny|grandad|grandpa|grandmother|grandfather|aunt|uncle|friend|neighbour|neighbor)(?:['’]s)?)\b(?:\s+(?:old\s+)?(?:e-?mail|address|email address|account|one))?\s*(?:is|was|=|:|'s|s)?\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SomeoneElsesEmailLabel();

    [GeneratedRegex(@"-?[0-9]+(?:\.[0-9]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberInside();
}
