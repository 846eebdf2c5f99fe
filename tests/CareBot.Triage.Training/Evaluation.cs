using System.Globalization;
using System.Diagnostics;
using CareBot.Care.Embeddings;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Sentiment;
using CareBot.Triage.Training.Corpus;

namespace CareBot.Triage.Training;

/// <summary>
/// Triage on real tweets (airline-dev.tsv): precision, recall and F1 of complaint (label negative), praise (label
/// positive) and question ('?' in the text: a rough proxy, the file has no question label), the cues alone and VADER
/// alone beside them, the share of tweets flagged urgent (cues alone, and with the care model's urgency head), and the
/// share of tweets identified as English. Prints Markdown.
/// </summary>
internal static class Evaluation
{
    public static int Run(string path, TextWriter output)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"evaluate: cannot read '{path}'");
            return 1;
        }

        var (tweets, read, artefacts, repeated, unsure) = AirlineDevSet.Load(path);
        var root = Repository.Root();
        var cues = TriageCueLoader.LoadFile(Repository.CuesPath(root));
        var analyzer = new VaderSentimentAnalyzer();
        var triage = new TriageService(analyzer, cues);
        var cuesOnly = new TriageService(analyzer, cues, Training.SilentModel());
        var withoutAirline = new TriageService(analyzer, cues, Training.ModelWithout(root, "airline", WrittenCorpus.GroupPrefix + "travel"));
        using var stage = new MiniLmComplaintStage(new TriageEmbeddingsOptions { Enabled = true }, EmbeddingHead.Embedded, null);
        var withEmbeddings = new TriageService(analyzer, cues, CareModel.Embedded, stage);
        var rows = tweets.Select(t =>
        {
            var sentiment = analyzer.Analyze(ReadableText.Of(t.Text));
            return (Tweet: t, Result: triage.Triage(t.Text, sentiment), CuesOnly: cuesOnly.Triage(t.Text, sentiment), WithoutAirline: withoutAirline.Triage(t.Text, sentiment));
        }).ToList();

        // The default triage: the MiniLM second stage where the care model is unsure, through the same TriageService path
        // the server takes (Triage:Embeddings:Enabled, on by default). `triage` is the care model path alone (off).
        stage.Judge("warm up", 0.3, CancellationToken.None);
        var defaultCpu = CpuPerMessage(rows.Select(r => r.Tweet.Text).ToList(), t => triage.Triage(t, analyzer.Analyze(ReadableText.Of(t))));
        var embeddingCpu = CpuPerMessage(rows.Select(r => r.Tweet.Text).ToList(), t => withEmbeddings.Triage(t, analyzer.Analyze(ReadableText.Of(t))));
        var staged = rows.Select(r => withEmbeddings.Triage(r.Tweet.Text, r.Result.Sentiment)).ToList();
        var calledByHead = staged.Count(r => r.Complaint.Reasons.Any(x => x.StartsWith("embedding head", StringComparison.Ordinal)));
        var reachedStage = rows.Count(r => !r.CuesOnly.Complaint.Detected && stage.Decides(r.Tweet.Text, CareModel.Embedded.Score(ReadableText.Of(r.Tweet.Text), r.Result.Sentiment.Vader, CareModel.ComplaintHead).Probability));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)}: {rows.Count} tweets used of {read} read ({repeated} repeated ids, {artefacts} with find/replace artefacts, {unsure} with rater agreement below {AirlineDevSet.MinConfidence})."));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"labels: {rows.Count(r => r.Tweet.Sentiment == "negative")} negative, {rows.Count(r => r.Tweet.Sentiment == "positive")} positive, {rows.Count(r => r.Tweet.Sentiment == "neutral")} neutral"));
        output.WriteLine();
        output.WriteLine(Score.Header);
        bool Negative((AirlineDevSet.Tweet Tweet, TriageResult Result, TriageResult CuesOnly, TriageResult WithoutAirline) r) => r.Tweet.Sentiment == "negative";
        bool Positive((AirlineDevSet.Tweet Tweet, TriageResult Result, TriageResult CuesOnly, TriageResult WithoutAirline) r) => r.Tweet.Sentiment == "positive";
        var defaultScore = Score.Of(rows.Select((r, i) => (r.Tweet, staged[i])), r => r.Tweet.Sentiment == "negative", r => r.Item2.Complaint.Detected);
        output.WriteLine(defaultScore.Row("complaint (default triage: cues + care model, MiniLM where the care model is unsure)"));
        output.WriteLine(Score.Of(rows, Negative, r => r.Result.Complaint.Detected).Row("complaint, without the MiniLM stage (Triage:Embeddings:Enabled false)"));
        var referenced = rows.Where(r => System.Net.WebUtility.HtmlDecode(r.Tweet.Text) != r.Tweet.Text).ToList();
        output.WriteLine(Score.Of(referenced, Negative, r => r.Result.Complaint.Detected).Row(string.Create(CultureInfo.InvariantCulture, $"complaint, the {referenced.Count} tweets with HTML character references")));
        output.WriteLine(Score.Of(rows, Negative, r => r.CuesOnly.Complaint.Detected).Row("complaint, cues alone (before)"));
        output.WriteLine(Score.Of(rows, Negative, r => r.Result.Complaint.Reasons.Any(x => x.StartsWith("model", StringComparison.Ordinal))).Row("complaint, model alone"));
        output.WriteLine(Score.Of(rows, Negative, r => r.WithoutAirline.Complaint.Detected).Row("complaint, model trained without the corpus's airline and written travel messages (cues + model)"));
        output.WriteLine(Score.Of(rows, Negative, r => r.Result.Sentiment.Vader.Compound <= -0.05).Row("complaint, VADER alone (compound ≤ -0.05)"));
        var defaultPraise = Score.Of(rows.Select((r, i) => (r.Tweet, staged[i])), r => r.Tweet.Sentiment == "positive", r => r.Item2.Praise.Detected);
        output.WriteLine(defaultPraise.Row("praise (default triage)"));
        output.WriteLine(Score.Of(rows, Positive, r => r.Result.Praise.Detected).Row("praise, without the MiniLM stage"));
        output.WriteLine(Score.Of(rows, Positive, r => r.WithoutAirline.Praise.Detected).Row("praise, model trained without the corpus's airline and written travel messages"));
        output.WriteLine(Score.Of(rows, Positive, r => r.Result.Sentiment.Vader.Compound >= 0.05).Row("praise, VADER alone (compound ≥ 0.05)"));
        output.WriteLine(Score.Of(rows, r => r.Tweet.Text.Contains('?', StringComparison.Ordinal), r => r.Result.Question.Detected).Row("question vs '?' in text (rough proxy)"));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"complaint (default triage): {defaultScore.TruePositives} true positives, {defaultScore.FalsePositives} false positives, {defaultScore.FalseNegatives} missed; F1 {defaultScore.F1:0.0000}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"embedding stage: {reachedStage} of {rows.Count} tweets reach it ({100.0 * reachedStage / rows.Count:0.0}%), {calledByHead} of them called a complaint by it; CPU per message (process, one thread): care model path {defaultCpu:0} µs, default triage with the stage {embeddingCpu:0} µs (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"praise (default triage): F1 {defaultPraise.F1:0.0000}"));
        // The file has no urgency label (judged samples are in the README); the share flagged shows what reaches the queue.
        var withUrgencyModel = new TriageService(analyzer, cues) { UrgencyModel = true };
        var urgentByCues = rows.Count(r => r.CuesOnly.Urgency.Detected);
        var urgentWithModel = rows.Count(r => withUrgencyModel.Triage(r.Tweet.Text, r.Result.Sentiment).Urgency.Detected);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"urgency flagged: cues alone {urgentByCues} of {rows.Count} ({100.0 * urgentByCues / rows.Count:0.0}%), cues + urgency head (Triage:UrgencyModel) {urgentWithModel} ({100.0 * urgentWithModel / rows.Count:0.0}%)"));
        var english = rows.Count(r => r.Result.Language == "en");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"language: {english} of {rows.Count} identified as en ({100.0 * english / rows.Count:0.0}%); others: {string.Join(", ", rows.Where(r => r.Result.Language != "en").GroupBy(r => r.Result.Language).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}"));
        return 0;
    }

    private static double CpuPerMessage(List<string> texts, Action<string> triage)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        foreach (var text in texts)
        {
            triage(text);
        }

        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMicroseconds / texts.Count;
    }
}
