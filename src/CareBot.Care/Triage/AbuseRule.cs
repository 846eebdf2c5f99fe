using System.Buffers;
using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace CareBot.Care.Triage;

/// <summary>
/// Is the message only abuse at the brand ("fuck you @contoso", "screw you guys", "you're all idiots", "go to hell",
/// "🖕")? The care model calls it a complaint (it is angry), so it got a public apology ("Sorry to hear this ... let's
/// continue in a private message") and, in private, "I'm really sorry about what happened" for nothing that was said.
/// A script answers it with no reply or a neutral line. Anything more than the abuse says what went wrong and stays a
/// complaint: "fuck you, where's my refund", "useless company", "you lot are a joke" (an opinion a care team answers,
/// as it answers "you suck"), "what the hell" and "wtf" (surprise at something that happened).
/// </summary>
internal static partial class AbuseRule
{
    // Abuse alone is a few words; a longer message says something more.
    private const int MaxLength = 80;

    // Swearing at or insulting someone. Not "crap", "rubbish", "useless", "joke", "clowns" or "suck": those judge the
    // service, and a care team answers them.
    private static readonly FrozenSet<string> AbuseWords = FrozenSet.Create(StringComparer.Ordinal,
        "fuck", "fucking", "fuckin", "fucken", "fck", "fcking", "fuk", "fuking", "fucker", "fuckers", "fuckwit",
        "fuckwits", "motherfucker", "motherfuckers", "stfu", "gtfo", "screw", "shit", "shite", "cunt", "cunts", "wanker",
        "wankers", "bastard", "bastards", "bellend", "bellends", "scumbag", "scumbags", "scum", "asshole", "assholes",
        "arsehole", "arseholes", "dickhead", "dickheads", "dicks", "twat", "twats", "prick", "pricks", "tosser",
        "tossers", "idiot", "idiots", "moron", "morons", "imbecile", "imbeciles", "kys");

    // Words that come with abuse without saying anything went wrong. No "what", "why" or "ffs": those react to something.
    private static readonly FrozenSet<string> FillerWords = FrozenSet.Create(StringComparer.Ordinal,
        "you", "your", "you're", "youre", "ur", "u", "ya", "yall", "y'all", "all", "lot", "guys", "lads", "people",
        "are", "r", "off", "go", "and", "the", "a", "an", "bunch", "of", "such", "absolute", "absolutely", "total",
        "totally", "complete", "utter", "bloody", "damn", "lol", "lmao", "company", "whole", "every", "single", "one",
        "just", "pls", "please", "oh", "hey", "yo", "seriously", "honestly", "mate", "so", "i", "stupid", "big", "up",
        "it", "yourself", "yourselves", "to", "hell", "in", "rot", "burn", "die", "drop", "dead");

    // The middle finger says it without words.
    private const string MiddleFinger = "\U0001F595";

    // Runs on every message: one pass that finds none of these (nearly every short message) ends it without splitting words.
    private static readonly SearchValues<string> Markers =
        SearchValues.Create([.. AbuseWords, MiddleFinger, "hell", "die", "dead"], StringComparison.OrdinalIgnoreCase);

    public static TriageSignal Evaluate(string text)
    {
        if (!MessageWords.IsShortAndPlain(text, MaxLength)
            || text.Contains('?', StringComparison.Ordinal)
            || text.AsSpan().IndexOfAny(Markers) < 0)
        {
            return TriageSignal.None;
        }

        var abusive = text.Contains(MiddleFinger, StringComparison.Ordinal) || GoToHell().IsMatch(text);
        foreach (var (_, lower) in MessageWords.Of(text))
        {
            if (AbuseWords.Contains(lower))
            {
                abusive = true;
            }
            else if (!FillerWords.Contains(lower))
            {
                return TriageSignal.None;
            }
        }

        return abusive ? new TriageSignal(true, [$"only abuse: \"{text.Trim()}\""]) : TriageSignal.None;
    }

    // "hell", "die" and "dead" are fillers only so these can be said; alone ("what the hell", "the app is dead") they
    // are not abuse, and "what" is no filler anyway.
    [GeneratedRegex(@"\b(?:go to hell|rot in hell|burn in hell|go die|drop dead)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex GoToHell();
}
