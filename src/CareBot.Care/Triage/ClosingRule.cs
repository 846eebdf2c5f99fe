using System.Buffers;
using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace CareBot.Care.Triage;

/// <summary>
/// Is the message only a thank-you, an ok or a goodbye ("ok thanks, bye", "thank you so much!", "👍", "never mind")?
/// Customers often send one after the bot's goodbye, where it starts the dialog again: "ok bye" got "Hi Sam, thanks for
/// getting in touch ... tell me a little about what's going on", and "thank you" became the story. The script ends
/// kindly instead. Anything more ("thanks, but my refund is still missing", "thanks for nothing") is not one, nor is a
/// question.
/// </summary>
internal static partial class ClosingRule
{
    // A closing is short; a longer message says something more.
    private const int MaxLength = 50;

    // At least one of these (or a closing emoji) must be there. A bare "stop" asks the bot to stop: it got "I'm really
    // sorry, that sounds frustrating ... I'm listening", and a second "stop" got "I hear you". "nope" to "Is there
    // anything we can help with?" got "Tell me a little about what's going on".
    private static readonly FrozenSet<string> ClosingWords = FrozenSet.Create(StringComparer.Ordinal,
        "thanks", "thank", "thx", "ty", "tysm", "cheers", "ta", "bye", "goodbye", "cya", "ok", "okay", "kk", "alright",
        "nevermind", "nvm", "stop", "nothing", "nope", "nah");

    // Words that may come with a closing without adding anything to it ("thank you so much", "ok, that's all for now").
    // Praise words ("great", "perfect") are here, not above: alone they are often sarcasm.
    private static readonly FrozenSet<string> FillerWords = FrozenSet.Create(StringComparer.Ordinal,
        "you", "u", "so", "much", "very", "a", "lot", "again", "then", "that's", "thats", "that", "is", "it", "all", "for",
        "now", "no", "got", "will", "do", "see", "later", "have", "good", "nice", "day", "night", "evening", "weekend",
        "and", "oh", "ah", "right", "sure", "team", "guys", "everyone", "yes", "yep", "yeah", "great", "cool", "perfect",
        "lovely", "brilliant", "awesome", "fine", "sorted", "i'm", "im", "done", "appreciate", "appreciated", "kind", "of",
        "else", "just", "looking", "browsing", "one", "wanted", "want", "to", "pass", "on", "say", "let", "know", "everything",
        "please", "pls", "plz", // "no nothing else just pass it on pls" after praise got an apology (2026-12-07 trial)
        "x", "xx", "xxx", "lol", "haha", "honestly", "really", "its", "it's"); // "nope all good x" got "That sounds frustrating" (2026-12-07 trial)

    // Emoji that close a chat on their own; any other emoji or symbol says something (😡, 🙄).
    private static readonly string[] ClosingEmoji = ["👍", "🙏", "😊", "🙂", "👌", "❤", "✅", "😀", "😁", "🤝"];

    // Runs on every message: one pass that finds none of these (most short messages) ends it without splitting words.
    private static readonly SearchValues<string> Closers = SearchValues.Create(
        [.. ClosingWords, "never mind", "have a ", "all good", "that's all", "that’s all", "thats all", "that is all", "that's it", "that’s it", "pass it on", .. ClosingEmoji], StringComparison.OrdinalIgnoreCase);

    public static TriageSignal Evaluate(string text)
    {
        if (!MessageWords.IsShortAndPlain(text, MaxLength)
            || text.Contains('?', StringComparison.Ordinal)
            || text.AsSpan().IndexOfAny(Closers) < 0)
        {
            return TriageSignal.None;
        }

        var rest = SkinToneOrVariant().Replace(NeverMind().Replace(text, "nevermind"), string.Empty);
        // "no that's it, have a good day", "nope, all good": a goodbye without a thank-you or "bye".
        var closed = Farewell().IsMatch(rest);
        foreach (var emoji in ClosingEmoji)
        {
            closed |= rest.Contains(emoji, StringComparison.Ordinal);
            rest = rest.Replace(emoji, " ", StringComparison.Ordinal);
        }

        foreach (var c in rest)
        {
            if (char.IsSurrogate(c) || char.IsSymbol(c))
            {
                return TriageSignal.None;
            }
        }

        var previous = string.Empty;
        foreach (var (_, lower) in MessageWords.Of(rest))
        {
            // "nothing, thanks" answers "how can we help?"; "thanks for nothing" is sarcasm.
            if (lower == "nothing" && previous == "for")
            {
                return TriageSignal.None;
            }

            previous = lower;
            if (ClosingWords.Contains(lower))
            {
                closed = true;
            }
            else if (!FillerWords.Contains(lower))
            {
                return TriageSignal.None;
            }
        }

        return closed ? new TriageSignal(true, [$"only thanks, ok or goodbye: \"{text.Trim()}\""]) : TriageSignal.None;
    }

    // 👍🏽 is 👍 with a skin tone; ❤️ is ❤ with a variation selector.
    [GeneratedRegex(@"\uD83C[\uDFFB-\uDFFF]|\uFE0F", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex SkinToneOrVariant();

    // "no that's all, just wanted to pass it on" after praise was a complaint to the model (0.97) and got "That sounds
    // frustrating" (2026-12-07 trial).
    [GeneratedRegex(@"\b(have a (good|nice|great|lovely) (day|night|evening|weekend|one)|all good|(no|nope|nah),? (that['’]?s|that is) (all|it|everything)|just want(ed)? to (pass (it|that|this) on|say (thanks|thank you)|let (you|u) know))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Farewell();

    [GeneratedRegex(@"\bnever\s+mind\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex NeverMind();
}
