using System.Globalization;
using System.Text;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Sentiment;
using CareBot.Care.Triage.Vader;
using CareBot.Triage.Training.Corpus;

namespace CareBot.Triage.Training.Embeddings;

/// <summary>
/// The MiniLM second stage, measured: a logistic-regression head on the sentence embedding, trained on the same data
/// as the care model (own corpus + VADER's MIT corpora). Thresholds and the band of fast-model probabilities where
/// the head decides are chosen on the own corpus held out by industry, never on the evaluation file. Writes the head
/// file and its data card, and prints the figures of (a) fast triage, (b) the head alone and (c) both, held out by
/// industry and on the evaluation file (e.g. airline-dev.tsv, read for figures only).
/// </summary>
internal static class EmbeddingExperiment
{
    private static readonly double[] Grid = [.. Enumerable.Range(1, 19).Select(i => i * 0.05)];

    public static int Run(string evaluationFile, TextWriter output)
    {
        var root = Repository.Root();
        var scorer = new VaderScorer();
        var own = File.ReadLines(Repository.CorpusPath(root))
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split('\t', 5))
            .Select(f => new Example(f[4], scorer.Score(f[4]), f[1] == "1", f[2] == "1", f[3] == "1", f[0]))
            .ToList();
        var vader = VaderCorpora.Load(root, scorer);
        using var cache = new EmbeddingCache(EmbeddingCache.DefaultPath(root));
        var ownVectors = cache.Embed([.. own.Select(e => e.Text)], output);
        var vaderVectors = cache.Embed([.. vader.Select(e => e.Text)], output);
        var vectorOf = new Dictionary<Example, float[]>();
        for (var i = 0; i < own.Count; i++)
        {
            vectorOf[own[i]] = ownVectors[i];
        }

        for (var i = 0; i < vader.Count; i++)
        {
            vectorOf[vader[i]] = vaderVectors[i];
        }

        var cues = TriageCueLoader.LoadFile(Path.Combine(root, "dialogs", "settings", "triage.yaml"));
        var analyzer = new VaderSentimentAnalyzer();
        var cuesOnly = new TriageService(analyzer, cues, Training.SilentModel());
        var cue = own.ToDictionary(e => e, e => cuesOnly.Triage(e.Text, analyzer.Analyze(e.Text)).Complaint.Detected);

        // Leave one industry out, for the fast model and for the head alike.
        var fast = new Dictionary<Example, double>();
        var head = new Dictionary<Example, double>();
        foreach (var industry in Industries.All.Select(i => i.Name))
        {
            List<Example> training = [.. own.Where(e => e.Group != industry), .. vader];
            var model = new LogisticRegression();
            model.Train(training, Training.Seed);
            var embeddingHead = EmbeddingHead.Train(training, [.. training.Select(e => vectorOf[e])]);
            foreach (var example in own.Where(e => e.Group == industry))
            {
                fast[example] = model.Probability(example.Text, example.Vader, 0);
                head[example] = embeddingHead.Probability(vectorOf[example], 0);
            }

            output.WriteLine($"held out {industry}");
        }

        var fastThreshold = CareModel.Embedded.Threshold(CareModel.ComplaintHead);
        var headThreshold = Grid.MaxBy(t => Score.Of(own, e => e.Complaint, e => cue[e] || head[e] >= t).F1);
        var band = (from low in Grid.Where(l => l <= fastThreshold)
                    from high in Grid.Where(h => h > fastThreshold).Append(1.01)
                    from t in Grid
                    let rule = new Band(low, high, t)
                    let f1 = Score.Of(own, e => e.Complaint, e => cue[e] || rule.Complaint(fast[e], head[e])).F1
                    orderby Math.Round(f1, 3) descending, high - low, t
                    select rule).First();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"head threshold {headThreshold:0.00}; band [{band.Low:0.00}, {band.High:0.00}) head threshold there {band.Threshold:0.00}"));

        var card = new StringBuilder();
        card.AppendLine("## Held out by industry (own corpus)");
        card.AppendLine();
        card.AppendLine("| industry | (a) fast triage F1 | (b) cues + head F1 | (c) fast + head in the band F1 | share in the band |");
        card.AppendLine("|---|---|---|---|---|");
        foreach (var group in own.GroupBy(e => e.Group).Append(own.GroupBy(_ => "all (pooled)").Single()))
        {
            var a = Score.Of(group, e => e.Complaint, e => cue[e] || fast[e] >= fastThreshold);
            var b = Score.Of(group, e => e.Complaint, e => cue[e] || head[e] >= headThreshold);
            var c = Score.Of(group, e => e.Complaint, e => cue[e] || band.Complaint(fast[e], head[e]));
            var share = group.Count(e => !cue[e] && band.Contains(fast[e])) / (double)group.Count();
            card.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {group.Key} | {a.F1:0.00} | {b.F1:0.00} | {c.F1:0.00} | {share:0.00} |"));
        }

        var final = EmbeddingHead.Train([.. own, .. vader], [.. own.Select(e => vectorOf[e]), .. vader.Select(e => vectorOf[e])]);
        card.AppendLine();
        card.AppendLine(Evaluate(evaluationFile, final, headThreshold, band, analyzer, cues, cache, output));
        output.WriteLine(card.ToString());
        File.WriteAllText(Path.Combine(root, "tests", "CareBot.Triage.Training", "bin", "embedding-head.tsv"),
            final.ToModelFile(["MiniLM head (experiment)"], [band.Threshold, 0.5]));
        return 0;
    }

    private static string Evaluate(string path, EmbeddingHead final, double headThreshold, Band band, VaderSentimentAnalyzer analyzer, TriageCues cues, EmbeddingCache cache, TextWriter output)
    {
        var tweets = AirlineDevSet.Load(path).Tweets;
        var vectors = cache.Embed([.. tweets.Select(t => t.Text)], output);
        var triage = new TriageService(analyzer, cues);
        var cuesOnly = new TriageService(analyzer, cues, Training.SilentModel());
        var rows = tweets.Select((t, i) =>
        {
            var sentiment = analyzer.Analyze(t.Text);
            return (
                Negative: t.Sentiment == "negative",
                Triage: triage.Triage(t.Text, sentiment).Complaint.Detected,
                Cue: cuesOnly.Triage(t.Text, sentiment).Complaint.Detected,
                Fast: CareModel.Embedded.Score(t.Text, sentiment.Vader, CareModel.ComplaintHead).Probability,
                Head: final.Probability(vectors[i], 0));
        }).ToList();
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"## {Path.GetFileName(path)} ({rows.Count} tweets; evaluation only)"));
        text.AppendLine();
        text.AppendLine(Score.Header);
        text.AppendLine(Score.Of(rows, r => r.Negative, r => r.Triage).Row("(a) fast triage (cues + care model)"));
        text.AppendLine(Score.Of(rows, r => r.Negative, r => r.Head >= headThreshold).Row("(b) embedding head alone"));
        text.AppendLine(Score.Of(rows, r => r.Negative, r => r.Cue || r.Head >= headThreshold).Row("(b) cues + embedding head"));
        text.AppendLine(Score.Of(rows, r => r.Negative, r => r.Cue || band.Complaint(r.Fast, r.Head)).Row("(c) cues + fast model, head in the band"));
        text.AppendLine(Score.Of(rows, r => r.Negative, r => r.Triage || r.Head >= headThreshold).Row("(c') fast triage or head"));
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"share that reaches the head (no cue, fast probability in the band): {rows.Count(r => !r.Cue && band.Contains(r.Fast)) / (double)rows.Count:0.00}"));
        return text.ToString();
    }

    /// <summary>Where the fast model is unsure (its probability in [Low, High)) the head decides at Threshold.</summary>
    private sealed record Band(double Low, double High, double Threshold)
    {
        public bool Contains(double fast) => fast >= Low && fast < High;

        public bool Complaint(double fast, double head) => fast >= High || (Contains(fast) && head >= Threshold);
    }
}
