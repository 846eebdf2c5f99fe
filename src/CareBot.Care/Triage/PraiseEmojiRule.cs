using System.Globalization;

namespace CareBot.Care.Triage;

/// <summary>
/// Is the message nothing but praise emoji ("🔥🔥🔥🙌", "😍", "💯", an @handle before them)? The care model learned
/// "❤️❤️" and "👏👏" as praise, but "🔥🔥🔥🙌" under a post got no reply while "❤️❤️" beside it was thanked. Any word, or
/// any other emoji ("😡", "🙄", "💀"), and it is not.
/// </summary>
internal static class PraiseEmojiRule
{
    // Hearts, fire, applause, raised hands, heart eyes, stars, 100. Each is one text element, with or without a skin
    // tone or a variation selector.
    private static readonly HashSet<string> PraiseEmoji =
    [
        "🔥", "🙌", "👏", "😍", "🥰", "😻", "🤩", "💯", "⭐", "🌟", "✨", "💪", "🏆", "🥇", "👑", "❤", "🧡", "💛", "💚",
        "💙", "💜", "🖤", "🤍", "💕", "💖", "💗", "💓", "💞", "😘", "🫶",
    ];

    // Praise in emoji is short: a longer run is usually a word or a complaint in pictures.
    private const int MaxLength = 40;

    public static TriageSignal Evaluate(string text)
    {
        var rest = MessageWords.WithoutHandles(text).Trim();
        if (rest.Length == 0 || rest.Length > MaxLength)
        {
            return TriageSignal.None;
        }

        var elements = StringInfo.GetTextElementEnumerator(rest);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            if (string.IsNullOrWhiteSpace(element))
            {
                continue;
            }

            if (!PraiseEmoji.Contains(WithoutModifiers(element)))
            {
                return TriageSignal.None;
            }
        }

        return new TriageSignal(true, [$"only praise emoji: \"{rest}\""]);
    }

    // 👏🏽 is 👏 with a skin tone; ❤️ is ❤ with a variation selector.
    private static string WithoutModifiers(string element)
    {
        var bare = element.Replace("\uFE0F", string.Empty, StringComparison.Ordinal);
        return bare.Length == 4 && bare[2] == '\uD83C' && bare[3] is >= '\uDFFB' and <= '\uDFFF' ? bare[..2] : bare;
    }
}
