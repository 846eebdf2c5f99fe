using System.Collections.Frozen;

namespace CareBot.Care.Triage;

/// <summary>
/// Is the message only a greeting ("hi", "Hello Contoso team!", "heyyy 👋", "hello from Kenya", "hello? anyone
/// there?", "is anyone there?")? Many customers open a private chat that way and say what is wrong in their next message, so the script
/// should ask how it can help rather than treat "hi" as the story. Anything more than a greeting (an order number, a link, "hi my parcel never
/// came") is not one.
/// </summary>
internal static class GreetingRule
{
    // A greeting is short; a longer message says something more.
    private const int MaxLength = 60;

    // At least one of these (or a waving hand) must be there. A greeting in another language is one too: the reply
    // asks what is wrong, and the answer shows the language.
    private static readonly FrozenSet<string> GreetingWords = FrozenSet.Create(StringComparer.Ordinal,
        "hi", "hii", "hello", "helo", "hey", "heya", "hiya", "howdy", "yo", "greetings", "morning", "afternoon", "evening", "gm",
        "hola", "hallo", "bonjour", "salut", "ciao", "hej", "olá", "ola", "merhaba");

    // Words that may come with a greeting without adding anything to it ("hey, how are you?", "hello, anyone there?").
    private static readonly FrozenSet<string> FillerWords = FrozenSet.Create(StringComparer.Ordinal,
        "good", "there", "again", "team", "all", "everyone", "everybody", "guys", "folks", "anyone", "anybody", "someone",
        "is", "are", "you", "u", "ya", "here", "oh", "and", "the", "how", "doing", "what's", "whats", "up", "sup",
        "somebody", "around", "listening");

    // "is anyone there?" with no greeting word is the same opener: a check that someone is there. Only fillers, with
    // someone and a there.
    private static readonly FrozenSet<string> Someone = FrozenSet.Create(StringComparer.Ordinal,
        "anyone", "anybody", "someone", "somebody", "you", "u");

    private static readonly FrozenSet<string> There = FrozenSet.Create(StringComparer.Ordinal,
        "there", "here", "around", "listening");

    public static TriageSignal Evaluate(string text)
    {
        if (!MessageWords.IsShortAndPlain(text, MaxLength))
        {
            return TriageSignal.None;
        }

        var greeted = text.Contains("👋", StringComparison.Ordinal);
        var someone = false;
        var there = false;
        var named = false;
        var previousWasGreeting = false;
        foreach (var (written, lower) in MessageWords.Of(text))
        {
            if (GreetingWords.Contains(lower))
            {
                greeted = previousWasGreeting = true;
                continue;
            }

            // "hello from Kenya 👋": where they greet from, then the place as the name (the model read it as a complaint).
            if (previousWasGreeting && lower == "from")
            {
                continue;
            }

            // One capitalised word straight after the greeting is a name: "Hi Sarah", "Hello Contoso", "from Kenya".
            var isName = previousWasGreeting && !named && char.IsUpper(written[0]);
            previousWasGreeting = false;
            if (isName)
            {
                named = true;
            }
            else if (!FillerWords.Contains(lower))
            {
                return TriageSignal.None;
            }

            someone |= Someone.Contains(lower);
            there |= There.Contains(lower);
        }

        return greeted ? new TriageSignal(true, [$"only a greeting: \"{text.Trim()}\""])
            : someone && there ? new TriageSignal(true, [$"only asks if someone is there: \"{text.Trim()}\""])
            : TriageSignal.None;
    }
}
