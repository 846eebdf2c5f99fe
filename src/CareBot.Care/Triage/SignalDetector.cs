using System.Globalization;
using System.Text.RegularExpressions;
using CareBot.Care.Triage.Cues;

namespace CareBot.Care.Triage;

/// <summary>Evaluates the cue-file signals and the shouting rule on one message.</summary>
internal static class SignalDetector
{
    private const int MaxQuote = 40;

    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r'];

    /// <summary>
    /// Fires when any cue matches (or the compound is low enough); reasons quote what matched. <paramref name="urgent"/>
    /// holds the reasons of the cues marked urgent that matched (a safety risk), or is <see cref="TriageSignal.None"/>.
    /// </summary>
    public static TriageSignal Evaluate(SignalCues cues, string text, double compound, out TriageSignal urgent) =>
        Evaluate(cues, text, compound, null, out urgent);

    /// <summary>
    /// As above, running only the patterns that <paramref name="candidates"/> (the cue prefilter's scan of this same
    /// text) says could match; null runs them all. A null <paramref name="compound"/> leaves the sentiment out.
    /// </summary>
    public static TriageSignal Evaluate(SignalCues cues, string text, double? compound, CueCandidates? candidates, out TriageSignal urgent)
    {
        urgent = TriageSignal.None;
        if (Vetoed(cues, text, candidates))
        {
            return TriageSignal.None;
        }

        List<string>? reasons = null;
        List<string>? urgentReasons = null;
        foreach (var cue in cues.Cues)
        {
            var match = FirstMatch(cue.CompiledPatterns, cue.Patterns, text, candidates);
            if (match is null || FirstMatch(cue.CompiledUnless, cue.Unless, text, candidates) is not null)
            {
                continue;
            }

            var reason = $"{cue.Reason}: \"{Quote(match.Value)}\"";
            reasons ??= [];
            reasons.Add(reason);
            if (cue.Urgent)
            {
                urgentReasons ??= [];
                urgentReasons.Add(reason);
            }
        }

        if (urgentReasons is not null)
        {
            urgent = new TriageSignal(true, urgentReasons);
        }

        if (cues.MaxCompound is { } max && compound is { } score && score <= max && text.Length > 0)
        {
            reasons ??= [];
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"strongly negative sentiment (compound {score:0.00})"));
        }

        return reasons is null ? TriageSignal.None : new TriageSignal(true, reasons);
    }

    /// <summary>Whether the signal's own "unless" patterns veto it for this text ("... but no complaints").</summary>
    public static bool Vetoed(SignalCues cues, string text, CueCandidates? candidates = null) =>
        FirstMatch(cues.CompiledUnless, cues.Unless, text, candidates) is not null;

    /// <summary>
    /// Shouting: a high share of capitals (over a minimum length), several words in capitals, or runs of ! and ?.
    /// Anger intensity blends negative sentiment with those cues; happy shouting ("THANK YOU!!!") stays low.
    /// </summary>
    public static ShoutingSignal Shouting(string text, ShoutingCues cues, double compound, bool complaint)
    {
        var letters = 0;
        var capitals = 0;
        var capitalWords = new List<string>();
        var wordStart = -1;
        var longestRun = 0;
        var run = 0;
        var runStart = 0;
        var longestRunStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (wordStart < 0 && IsLinkOrHandleAt(text, i))
            {
                // A link's or a handle's capitals were typed by no one in anger ("t.co/lFS4PEFE6y", "@KLM_UK").
                i = text.IndexOfAny(Whitespace, i) is var end and >= 0 ? end - 1 : text.Length - 1;
                continue;
            }

            if (char.IsLetter(c))
            {
                letters++;
                if (char.IsUpper(c))
                {
                    capitals++;
                }

                if (wordStart < 0)
                {
                    wordStart = i;
                }
            }
            else
            {
                if (wordStart >= 0 && i - wordStart >= 4 && IsAllCapitals(text.AsSpan(wordStart, i - wordStart)))
                {
                    capitalWords.Add(text[wordStart..i]);
                }

                wordStart = -1;
            }

            if (c is '!' or '?' or '！' or '？')
            {
                if (run == 0)
                {
                    runStart = i;
                }

                run++;
                if (run > longestRun)
                {
                    longestRun = run;
                    longestRunStart = runStart;
                }
            }
            else
            {
                run = 0;
            }
        }

        var reasons = new List<string>();
        var share = letters == 0 ? 0 : (double)capitals / letters;
        var capsScore = 0.0;
        if (letters >= cues.MinLetters && share >= cues.CapitalShare)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{share:P0} of letters in capitals"));
            capsScore = 1;
        }
        else if (capitalWords.Count >= cues.MinCapitalWords)
        {
            reasons.Add($"{capitalWords.Count} words in capitals ({string.Join(", ", capitalWords.Take(3))})");
            capsScore = 0.7;
        }
        else if (capitalWords.Count > 0)
        {
            // One word in capitals is emphasis, not yet shouting, but it still reads angrier.
            capsScore = 0.7 * capitalWords.Count / cues.MinCapitalWords;
        }

        // "???" or "!!!" alone is confusion or a nudge, not shouting at anyone: a run counts only beside words.
        var marksScore = 0.0;
        if (longestRun >= cues.RepeatedMarks && letters > 0)
        {
            reasons.Add($"repeated \"{Quote(text.Substring(longestRunStart, longestRun))}\"");
            marksScore = Math.Min(1, longestRun / 4.0);
        }

        var negativity = Math.Max(0, -compound);
        var anger = (0.45 * negativity) + (0.3 * capsScore) + (0.25 * marksScore) + (complaint ? 0.15 : 0);
        if (!complaint && compound >= 0.05)
        {
            anger *= 0.3;
        }

        return new ShoutingSignal(reasons.Count > 0, reasons, Math.Round(Math.Clamp(anger, 0, 1), 2));
    }

    private static bool IsLinkOrHandleAt(string text, int i) =>
        i < text.Length
        && (i == 0 || char.IsWhiteSpace(text[i - 1]))
        && (text[i] == '@'
            || text.AsSpan(i).StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || text.AsSpan(i).StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    private static bool IsAllCapitals(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first match of the patterns in list order: by their compiled twins when the loader made them.</summary>
    private static Match? FirstMatch(CompiledPatterns? compiled, IReadOnlyList<Regex> patterns, string text, CueCandidates? candidates) =>
        compiled is not null ? compiled.FirstMatch(text, candidates) : FirstMatch(patterns, text);

    private static Match? FirstMatch(IReadOnlyList<Regex> patterns, string text)
    {
        foreach (var pattern in patterns)
        {
            try
            {
                var match = pattern.Match(text);
                if (match.Success)
                {
                    return match;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pattern too slow for this text counts as no match; the message is still triaged.
            }
        }

        return null;
    }

    /// <summary>What a reason quotes of the text: trimmed, at most 40 characters, then "…".</summary>
    internal static string Quote(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length <= MaxQuote ? trimmed : string.Concat(trimmed.AsSpan(0, MaxQuote), "…");
    }
}
