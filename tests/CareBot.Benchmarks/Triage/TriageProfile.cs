using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Benchmarks.Triage;

/// <summary>
/// Where the default triage's time goes, part by part, over VADER's tweets: each part of
/// <see cref="TriageService.Triage(string, SentimentResult)"/> run on its own over the whole corpus, then the cue
/// patterns that the literal prefilter lets through, most expensive first. A profile, not a budget check: the parts are
/// timed in separate loops, so their sum is close to, not equal to, the whole.
/// Run: dotnet run -c Release --project tests/CareBot.Benchmarks -- triage-profile
/// </summary>
public static class TriageProfile
{
    private const int Passes = 5;
    private const int TopPatterns = 15;

    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var tweets = GroundTruthTexts.Load("tweets");
        var analyzer = new VaderSentimentAnalyzer();
        var cues = TriageCueLoader.LoadEmbedded();
        cues.CompileAllAsync().Wait(); // profile the fast path a running server has
        var triage = new TriageService(analyzer, cues);
        var sentiments = tweets.Select(analyzer.Analyze).ToArray();
        var readable = tweets.Select(ReadableText.Of).ToArray();
        var masker = new PiiMasker(cues);
        var prefilter = cues.Prefilter ?? throw new InvalidOperationException("The embedded cues have no prefilter.");
        var candidates = readable.Select(t => prefilter.Scan(t)).ToArray();

        var parts = new (string Name, Func<int, double> Part)[]
        {
            ("whole triage (sentiment included)", i => triage.Triage(tweets[i], analyzer.Analyze(tweets[i])).Complaint.Detected ? 1 : 0),
            ("sentiment (VADER + sentences)", i => analyzer.Analyze(tweets[i]).Vader.Compound),
            ("readable text (entity decoding)", i => ReadableText.Of(tweets[i]).Length),
            ("care model (both heads)", i => CareModel.Embedded.ScoreAll(readable[i], sentiments[i].Vader)[0].Probability),
            ("cue prefilter scan", i => prefilter.Scan(readable[i]).Contains(0) ? 1 : 0),
            ("complaint cues", i => Signal(cues.Complaint, readable[i], sentiments[i], candidates[i])),
            ("urgency cues", i => Signal(cues.Urgency, readable[i], sentiments[i], candidates[i])),
            ("churn cues", i => Signal(cues.Churn, readable[i], sentiments[i], candidates[i])),
            ("wants-human cues", i => Signal(cues.WantsHuman, readable[i], sentiments[i], candidates[i])),
            ("wants-privacy cues", i => Signal(cues.WantsPrivacy, readable[i], sentiments[i], candidates[i])),
            ("shouting", i => SignalDetector.Shouting(readable[i], cues.Shouting, sentiments[i].Vader.Compound, false).AngerIntensity),
            ("personal data (find + mask)", i => PiiMasker.Mask(tweets[i], masker.Find(tweets[i])).Length),
            ("question", i => QuestionRule.Evaluate(readable[i]).Detected ? 1 : 0),
            ("language", i => LanguageIdentifier.Identify(readable[i]).Length),
            ("triage, sentiment known", i => triage.Triage(tweets[i], sentiments[i]).Complaint.Detected ? 1 : 0),
        };

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tweets.Length:N0} tweets x {Passes} passes; CPU µs per message of the scoring thread"));
        foreach (var (name, part) in parts)
        {
            ThreadCpu.WarmUp(() => Time(part, tweets.Length, 1));
            var (cpu, bytes) = Time(part, tweets.Length, Passes);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-36} {cpu,8:F2} µs  {bytes,8:F0} B"));
        }

        ReportPatterns(output, cues, prefilter, readable, candidates);
        return 0;
    }

    private static double Signal(SignalCues signal, string text, SentimentResult sentiment, CueCandidates candidates) =>
        SignalDetector.Evaluate(signal, text, sentiment.Vader.Compound, candidates, out _).Detected ? 1 : 0;

    /// <summary>Each distinct cue pattern (compiled, as triage runs it) on the tweets the prefilter lets it see.</summary>
    private static void ReportPatterns(TextWriter output, TriageCues cues, CuePrefilter prefilter, string[] texts, CueCandidates[] candidates)
    {
        var patterns = new[] { cues.Complaint, cues.Urgency, cues.Churn, cues.WantsHuman, cues.WantsPrivacy }
            .SelectMany(s => s.Unless.Concat(s.Cues.SelectMany(c => c.Patterns.Concat(c.Unless))))
            .DistinctBy(p => (p.ToString(), p.Options))
            .Select(p => (Pattern: p, Compiled: new Regex(p.ToString(), p.Options | RegexOptions.Compiled, p.MatchTimeout), Slot: prefilter.SlotOf(p)))
            .ToList();
        var rows = new List<(string Pattern, int Runs, double Microseconds)>();
        foreach (var (pattern, compiled, slot) in patterns)
        {
            var runs = Enumerable.Range(0, texts.Length).Where(i => candidates[i].Contains(slot)).ToArray();
            foreach (var i in runs)
            {
                IsMatch(compiled, texts[i]);
            }

            var watch = Stopwatch.StartNew();
            for (var pass = 0; pass < Passes; pass++)
            {
                foreach (var i in runs)
                {
                    IsMatch(compiled, texts[i]);
                }
            }

            rows.Add((pattern.ToString(), runs.Length, watch.Elapsed.TotalMicroseconds / Passes / texts.Length));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{patterns.Count} distinct cue patterns, {prefilter.AlwaysRunCount} without a literal (always run); wall µs per message, most expensive first:"));
        foreach (var (pattern, runs, microseconds) in rows.OrderByDescending(r => r.Microseconds).Take(TopPatterns))
        {
            var shown = pattern.Length <= 90 ? pattern : pattern[..90] + "…";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {microseconds,6:F2} µs  runs on {runs,5:N0}  {shown}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  all patterns together: {rows.Sum(r => r.Microseconds):F2} µs per message"));
    }

    // As triage does: a pattern too slow for a text (a loaded machine can push one past its timeout) is no match.
    private static bool IsMatch(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static (double CpuMicroseconds, double Bytes) Time(Func<int, double> part, int count, int passes)
    {
        var checksum = 0.0;
        var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = ThreadCpu.Seconds();
        for (var pass = 0; pass < passes; pass++)
        {
            for (var i = 0; i < count; i++)
            {
                checksum += part(i);
            }
        }

        var cpu = ThreadCpu.Seconds() - cpuBefore;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        GC.KeepAlive(checksum);
        return (1e6 * cpu / (count * passes), (double)bytes / (count * passes));
    }
}
