using System.Globalization;
using CareBot.Care.Embeddings;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Triage.Training;

/// <summary>
/// Triage on real tweets to brands in nine domains (<see cref="ComplaintsSet"/>): complaint precision, recall and F1 of
/// the default triage per domain, with triage without the MiniLM stage, the cues alone, the care model alone and VADER
/// alone beside them; the share of tweets not sent to a brand that would get an apology; and complaint F1 for each
/// Triage:ComplaintShare. This file is a development set: the MiniLM stage's band was chosen on it and on airline-dev.
/// Prints Markdown.
/// </summary>
internal static class ComplaintsEvaluation
{
    private static readonly double[] Shares = [0.3, 0.4, 0.5, 0.6, 0.7];

    public static int Run(string path, TextWriter output)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"complaints: cannot read '{path}'");
            return 1;
        }

        var tweets = ComplaintsSet.Load(path);
        var cues = TriageCueLoader.LoadFile(Repository.CuesPath(Repository.Root()));
        var analyzer = new VaderSentimentAnalyzer();
        using var stage = new MiniLmComplaintStage(new TriageEmbeddingsOptions(), EmbeddingHead.Embedded, null);
        var triage = new TriageService(analyzer, cues, CareModel.Embedded, stage);
        var withoutStage = new TriageService(analyzer, cues);
        var cuesOnly = new TriageService(analyzer, cues, Training.SilentModel());
        var byShare = Shares.ToDictionary(s => s, s => new TriageService(analyzer, cues, CareModel.Embedded.WithComplaintShare(s), stage));
        var rows = tweets.Select(t =>
        {
            var sentiment = analyzer.Analyze(ReadableText.Of(t.Text));
            return new Row(t, triage.Triage(t.Text, sentiment), cuesOnly.Triage(t.Text, sentiment), withoutStage.Triage(t.Text, sentiment), sentiment.Vader.Compound);
        }).ToList();
        var toBrand = rows.Where(r => r.Tweet.ToBrand).ToList();
        var notToBrand = rows.Where(r => !r.Tweet.ToBrand).ToList();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)}: {toBrand.Count} tweets to brands ({toBrand.Count(r => r.Tweet.Complaint)} complaints, {100.0 * toBrand.Count(r => r.Tweet.Complaint) / Math.Max(1, toBrand.Count):0.0}%), {notToBrand.Count} tweets not sent to a brand."));
        output.WriteLine();
        output.WriteLine(Score.Header);
        output.WriteLine(Score.Of(toBrand, r => r.Tweet.Complaint, r => r.Result.Complaint.Detected).Row("complaint (default triage: cues + care model, MiniLM where the care model is unsure)"));
        output.WriteLine(Score.Of(toBrand, r => r.Tweet.Complaint, r => r.WithoutStage.Complaint.Detected).Row("complaint, without the MiniLM stage (Triage:Embeddings:Enabled false)"));
        output.WriteLine(Score.Of(toBrand, r => r.Tweet.Complaint, r => r.CuesOnly.Complaint.Detected).Row("complaint, cues alone"));
        output.WriteLine(Score.Of(toBrand, r => r.Tweet.Complaint, r => r.WithoutStage.Complaint.Reasons.Any(x => x.StartsWith("model", StringComparison.Ordinal))).Row("complaint, care model alone"));
        output.WriteLine(Score.Of(toBrand, r => r.Tweet.Complaint, r => r.Compound <= -0.05).Row("complaint, VADER alone (compound ≤ -0.05)"));
        output.WriteLine();
        output.WriteLine("| domain | tweets | complaints | triage P | R | F1 | without the MiniLM stage F1 | cues alone F1 | VADER alone F1 |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var domain in toBrand.GroupBy(r => r.Tweet.Domain).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var score = Score.Of(domain, r => r.Tweet.Complaint, r => r.Result.Complaint.Detected);
            var cuesScore = Score.Of(domain, r => r.Tweet.Complaint, r => r.CuesOnly.Complaint.Detected);
            var fast = Score.Of(domain, r => r.Tweet.Complaint, r => r.WithoutStage.Complaint.Detected);
            var vader = Score.Of(domain, r => r.Tweet.Complaint, r => r.Compound <= -0.05);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {domain.Key} | {domain.Count()} | {score.Positives} | {score.Precision:0.00} | {score.Recall:0.00} | {score.F1:0.00} | {fast.F1:0.00} | {cuesScore.F1:0.00} | {vader.F1:0.00} |"));
        }

        output.WriteLine();
        var apologised = notToBrand.Count(r => r.Result.Complaint.Detected);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tweets not sent to a brand called a complaint: {apologised} of {notToBrand.Count} ({100.0 * apologised / Math.Max(1, notToBrand.Count):0.0}%)"));
        var thanked = toBrand.Count(r => r.Tweet.Complaint && r.Result.Praise.Detected);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"complaints to brands called praise: {thanked} of {toBrand.Count(r => r.Tweet.Complaint)}"));
        output.WriteLine("complaint F1 (tweets to brands) by Triage:ComplaintShare: " + string.Join(", ", Shares.Select(s =>
        {
            var score = Score.Of(toBrand, r => r.Tweet.Complaint, r => byShare[s].Triage(r.Tweet.Text, analyzer.Analyze(ReadableText.Of(r.Tweet.Text))).Complaint.Detected);
            return string.Create(CultureInfo.InvariantCulture, $"{s:0.0} {score.F1:0.000} (P {score.Precision:0.00}, R {score.Recall:0.00})");
        })));
        return 0;
    }

    private sealed record Row(ComplaintsSet.Tweet Tweet, TriageResult Result, TriageResult CuesOnly, TriageResult WithoutStage, double Compound);
}
