using System.Text.RegularExpressions;

namespace CareBot.Care.Triage;

/// <summary>
/// Does the message ask something? A question mark (outside links), or a sentence that opens like a question
/// ("how do I ...", "can you ...", "is there ...", "where can I ...", "which store has it ...", "what channel is the
/// ...", after a handle, "hey," or a joining word: "so can you tell me why or not"; not "what can I say", nor "so did
/// I", nor "and when I pay, ...") or asks
/// indirectly ("I was wondering", "quick question", "does anyone know", "please advise"). Rhetorical questions ("how do
/// you lose a bag?") count too: the public reply decides what to do when a complaint is also a question.
/// Without a question mark, some openings are statements: the brand's handle as the subject ("@united has the best
/// crew", "@brand is my favourite airline"), an exclamation ("What a flight!"), a wish ("Have a great week"), an
/// opinion ("Have to say the team were brilliant"), and praise whose subject was left out ("is the best network I've
/// used").
/// </summary>
internal static partial class QuestionRule
{
    public static TriageSignal Evaluate(string text)
    {
        try
        {
            return Detect(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // As with a cue that times out: no signal, rather than a turn that fails on a pathological message.
            return TriageSignal.None;
        }
    }

    private static TriageSignal Detect(string text)
    {
        var withoutLinks = text.Contains("http", StringComparison.OrdinalIgnoreCase) ? Link().Replace(text, " ") : text;
        if (!HasWords(withoutLinks))
        {
            // "?" or "@brand ???" alone asks nothing the bot or a person could answer; it was "Good question" and a case.
            return TriageSignal.None;
        }

        var mark = withoutLinks.IndexOf('?', StringComparison.Ordinal);
        if (mark < 0)
        {
            mark = withoutLinks.IndexOf('？', StringComparison.Ordinal);
        }

        if (mark >= 0)
        {
            var start = Math.Max(0, mark - 30);
            return new TriageSignal(true, [$"question mark: \"{withoutLinks[start..(mark + 1)].Trim()}\""]);
        }

        var opening = Opening().Match(withoutLinks);
        if (opening.Success)
        {
            return new TriageSignal(true, [$"asks: \"{opening.Groups["ask"].Value}\""]);
        }

        return TriageSignal.None;
    }

    /// <summary>
    /// Whether any letter or digit stands outside @handles. Triage runs this on every message, so it reads the text in
    /// place (no split) and stops at the first letter, which in almost every message is the first character.
    /// </summary>
    private static bool HasWords(string text)
    {
        var inHandle = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                inHandle = false;
            }
            else if (c == '@' && (i == 0 || char.IsWhiteSpace(text[i - 1])))
            {
                inHandle = true;
            }
            else if (!inHandle && char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\bhttps?://\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Link();

    // After a joining word, "when" opens a question only with a verb ("and when will I get it back"); "and when I pay,
    // it's 2 people" joins a clause.
    private const string JoinedWhen = @"(?!when\s+(?!(?:will|would|can|could|do|does|did|is|are|was|were|should|shall)\b))";

    [GeneratedRegex(
        @"(?:^|[.!\n]\s*)(?:(?:@\w+\s+)+(?!(?:has|have|is|was)\s+(?:the|a|an)\b|(?:is|was)\s+(?:my|our)\b))?(?:(?:hi|hey|hello|hiya|morning)(?:\s+there|\s+team)?[\s,!]+)?(?:(?:and|but|ok|okay|well)[\s,]+" + JoinedWhen + @"){0,2}(?:so[\s,]+" + JoinedWhen + @"(?!(?:do|did|does|is|was|am|are|have|has|had|can|could|will|would|should)\s+(?:i|we|they|he|she|it|you|u|(?:my|our|the)\s+\w+)\s*(?:[.,!;]|$|\b(?:and|but|too)\b)))?(?!(?:will|can|could|would|should) (?:do|does)\b)(?!(?:what|have)\s+(?:a|an)\b)(?!have\s+to\s+(?:say|admit|hand\s+it|give\s+it|agree|mention|thank|praise)\b)(?!(?:is|was|has)\s+(?:the|a|an)\s+(?:best|worst|most|greatest|nicest|finest|friendliest)\b)(?<ask>(?:how|what|whats|what's|when|where|why|who|which|can|could|do|does|did|is|are|will|would|should|may|any|anyone|has|have)\s+(?:i|you|u|we|my|the|there|it|this|that|a|an|your|ur|someone|anybody|anyone|one|they|he|she|to|long|much|many|time|is|are|do|does)\b|(?!what can (?:i|you|we) say\b)(?:how|what|when|where|why|who|which)\s+(?:can|could|would|should|will|did|shall)\s+(?:i|you|u|we|my|the|it|this|that|they|someone|one|your|ur)\b|(?:what|which)\s+\w+\s+(?:is|are|does|do|did|will|can|should|has|have)\s+(?:the|my|it|this|that|your|i|we|you)\b|(?:i was|i am|i'm|im|just) wondering\b|\b(?:a |one )?quick question\b|\b(?:does|do|can) (?:anyone|anybody|someone) (?:know|tell|help)\b|\bplease advise\b|\bpls advise\b|\bany (?:idea|update|news|word|discount|promo|voucher|coupon|deal|offer|sale)s?\b|\blet me know (?:if|when|how|what|whether)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Opening();
}
