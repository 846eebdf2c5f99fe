using System.Text.RegularExpressions;
using CareBot.Dialogs.Capture;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>How much a message says besides the details or the answer it gives.</summary>
internal static partial class DetailWords
{
    /// <summary>
    /// Words that only frame a detail and are not counted beside it: "my order number is AB-123456", "here's my email
    /// address: sam@example.com", "you can reach me on 07700 900123" are details, not more of the story to pity.
    /// </summary>
    private static readonly HashSet<string> FramingWords = new(StringComparer.Ordinal)
    {
        "my", "the", "a", "is", "it", "it's", "its", "here", "here's", "heres", "this", "that's", "thats", "number", "no", "nr",
        "order", "email", "e", "mail", "address", "phone", "mobile", "tel", "ref", "reference", "and", "or", "on", "at", "under",
        "account", "acct", "customer", "member", "membership", "booking", "ticket", "policy", "invoice", "id", "num",
        "you", "can", "reach", "me", "call", "oh", "also", "btw", "ps", "sorry",
    };

    /// <summary>
    /// Words that answer a question, or pass on it, without saying more: "I don't have one, sorry", "no thanks, I'd
    /// rather not say", "not sure, can't remember it right now".
    /// </summary>
    private static readonly HashSet<string> AnswerWords = new(StringComparer.Ordinal)
    {
        "i", "i'm", "im", "i'd", "id", "i've", "ive", "do", "don't", "dont", "not", "have", "haven't", "havent", "got", "one", "an",
        "any", "sure", "idea", "know", "remember", "can't", "cant", "find", "yet", "right", "now", "nope", "nah", "skip",
        "thanks", "thank", "please", "ok", "okay", "yes", "yeah", "yep", "just", "there", "there's", "theres", "isn't",
        "isnt", "wasn't", "wasnt", "about", "that", "rather", "say", "give", "won't", "wont", "to", "of", "for", "with", "use",
        "need", "think", "so", "well", "hi", "hello", "umm", "um", "hmm", "it'll", "be", "fine", "instead",
    };

    /// <summary>Words with a letter in <paramref name="rest"/> that do not only frame a detail.</summary>
    public static int Beside(string rest) => Count(rest, word => word.Any(char.IsLetter) && !FramingWords.Contains(word));

    /// <summary>
    /// Words with a letter in <paramref name="rest"/> that neither frame a detail nor only answer or pass, and numbers of
    /// three digits or more ("I don't have an order number. There is a customer number on the letter, it is 300 551
    /// 2876": the number is what the team needs). The host's note on a file sent ("[photo: slip.jpg https://…]") says
    /// nothing more: the transcript has it.
    /// </summary>
    public static int BesideAnAnswer(string rest) =>
        Count(FileNote().Replace(rest, " "), word => word.Any(char.IsLetter)
            ? !FramingWords.Contains(word) && !AnswerWords.Contains(word)
            : word.Count(char.IsDigit) >= 3);

    [GeneratedRegex(@"\[[^\]\n]*\]", RegexOptions.CultureInvariant)]
    private static partial Regex FileNote();

    // The words of the normalized text that count.
    private static int Count(string rest, Func<string, bool> counts) =>
        TextMatch.Normalize(rest).Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(counts);
}
