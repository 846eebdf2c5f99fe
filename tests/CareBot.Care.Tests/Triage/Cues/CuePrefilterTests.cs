using System.Text.RegularExpressions;
using CareBot.Care.Tests.Triage.DevSet;
using CareBot.Care.Tests.Triage.Vader;
using CareBot.Care.Triage.Cues;

namespace CareBot.Care.Tests.Triage.Cues;

/// <summary>
/// The literal prefilter may skip a cue pattern only when the pattern cannot match: over a large set of texts (the dev
/// set, every VADER ground-truth text, and the tweets again in capitals and with look-alike letters the regex engine
/// folds), every pattern that matches must have been let through.
/// </summary>
public sealed class CuePrefilterTests
{
    [Theory]
    [InlineData(@"\blate\b", "late")]
    [InlineData(@"\b(late|delayed)\b", "delayed|late")]
    [InlineData(@"\b(late|delayed)\b[^.!?]{0,25}\bagain\b", "again")]
    [InlineData(@"\bwhere['’]?s (my|our) order\b", "where's my order|where's our order|wheres my order|wheres our order|where’s my order|where’s our order")]
    [InlineData(@"(?-i)\b(NOW|TODAY)\b", "now|today")]
    [InlineData(@"\brefund\w*\b[^.!?]{0,40}\b(still|never)\b", "refund")]
    [InlineData(@"[£$€]\s?\d+ short\b", " short")]
    [InlineData(@"(🙄|😒)", "😒|🙄")]
    [InlineData(@"\bthanks?( you)? for nothing\b", "thank for nothing|thank you for nothing|thanks for nothing|thanks you for nothing")]
    [InlineData(@"\bdouble[- ]?charged\b", "double charged|double-charged|doublecharged")]
    [InlineData(@"\b(\w+) \1\b", " ")]
    [InlineData(@"(\w)\1{2,}", null)]
    [InlineData(@"\b(late|\w+ing)\b", "ing|late")]
    [InlineData(@"colou?r", "color|colour")]
    [InlineData(@"(?x) late", null)]
    [InlineData(@"\p{Lu}{3,}", null)]
    public void Required_literals_are_what_every_match_must_contain(string pattern, string? expected)
    {
        var literals = RequiredLiterals.Of(pattern);

        Assert.Equal(expected, literals is null ? null : string.Join("|", literals));
    }

    [Fact]
    public void The_embedded_cues_prefilter_gives_every_pattern_a_literal()
    {
        var prefilter = TriageCueLoader.LoadEmbedded().Prefilter;

        Assert.NotNull(prefilter);
        Assert.True(prefilter.PatternCount > 100, $"only {prefilter.PatternCount} patterns");
        Assert.Equal(0, prefilter.AlwaysRunCount);
    }

    [Fact]
    public void A_pattern_the_prefilter_cannot_read_always_runs()
    {
        var readable = new Regex(@"\blate\b", RegexOptions.IgnoreCase);
        var unreadable = new Regex(@"(\w)\1{2,}", RegexOptions.IgnoreCase);
        var prefilter = CuePrefilter.For([readable, unreadable]);

        var candidates = prefilter.Scan("sooo sad");

        Assert.False(candidates.Contains(prefilter.SlotOf(readable)));
        Assert.True(candidates.Contains(prefilter.SlotOf(unreadable)));
        Assert.Equal(1, prefilter.AlwaysRunCount);
    }

    [Fact]
    public void The_prefilter_folds_case_as_the_regex_engine_does()
    {
        var pattern = new Regex(@"\bkeeps? crashing\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var prefilter = CuePrefilter.For([pattern]);

        // U+212A KELVIN SIGN is a capital K to a case-insensitive regex.
        const string text = "it \u212AEEPS CRASHING";
        Assert.Matches(pattern, text);
        Assert.True(prefilter.Scan(text).Contains(prefilter.SlotOf(pattern)));
        Assert.False(prefilter.Scan("it keeps freezing").Contains(prefilter.SlotOf(pattern)));
    }

    [Fact]
    public void The_prefilter_never_skips_a_cue_pattern_that_matches()
    {
        var cues = TriageCueLoader.LoadEmbedded();
        var prefilter = cues.Prefilter!;
        SignalCues[] signals = [cues.Complaint, cues.Urgency, cues.Churn, cues.WantsHuman, cues.WantsPrivacy];
        var patterns = signals.SelectMany(s => s.Unless.Concat(s.Cues.SelectMany(c => c.Patterns.Concat(c.Unless))))
            .DistinctBy(p => p.ToString())
            .Select(p => (Pattern: new Regex(p.ToString(), p.Options | RegexOptions.Compiled), Slot: prefilter.SlotOf(p)))
            .ToList();
        var tweets = GroundTruth.Load().Where(t => t.Dataset == "tweets").Select(t => t.Text).ToList();
        var texts = DevSetMetricsTests.Load().Select(item => item.Text)
            .Concat(GroundTruth.Load().Select(t => t.Text))
            .Concat(tweets.Select(t => t.ToUpperInvariant()))
            .Concat(tweets.Select(t => t.Replace('k', '\u212A').Replace("'", "’", StringComparison.Ordinal)))
            .ToList();

        var matches = 0;
        var skipped = 0;
        foreach (var text in texts)
        {
            var candidates = prefilter.Scan(text);
            foreach (var (pattern, slot) in patterns)
            {
                var mayMatch = candidates.Contains(slot);
                if (pattern.IsMatch(text))
                {
                    matches++;
                    Assert.True(mayMatch, $"the prefilter skipped /{pattern}/ on \"{text}\"");
                }

                skipped += mayMatch ? 0 : 1;
            }
        }

        Assert.True(texts.Count > 30_000, $"only {texts.Count} texts");
        Assert.True(matches > 3_000, $"only {matches} pattern matches: the comparison says little");
        Assert.True(skipped > texts.Count * patterns.Count * 0.8, $"the prefilter skipped only {skipped} of {texts.Count * patterns.Count} pattern runs");
    }
}
