using System.Globalization;
using System.Text;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;
using Xunit.Abstractions;

namespace CareBot.Care.Tests.Triage.DevSet;

/// <summary>
/// Precision / recall / F1 of every signal on the hand-labelled development set (devset.tsv), against the shipped cue
/// file, with VADER alone (compound ≤ -0.05 means complaint) as the baseline for complaints. Writes the README table.
/// </summary>
public sealed class DevSetMetricsTests(ITestOutputHelper output)
{
    [Fact]
    public void Signals_reach_their_quality_floors_on_the_development_set()
    {
        var items = Load();
        Assert.True(items.Count >= 300, $"the development set has {items.Count} messages; it needs at least 300");
        var cuesPath = Path.Combine(RepositoryRoot(), "dialogs", "settings", "triage.yaml");
        var service = new TriageService(new VaderSentimentAnalyzer(), TriageCueLoader.LoadFile(cuesPath));
        var analyzer = new VaderSentimentAnalyzer();

        var results = items.Select(item => (item.Labels, Result: service.Triage(item.Text, analyzer.Analyze(item.Text)))).ToList();
        var rows = new List<(string Name, Score Score)>
        {
            ("complaint", Measure(results, "c", r => r.Complaint.Detected)),
            ("complaint: VADER alone (compound ≤ -0.05)", Measure(results, "c", r => r.Sentiment.Vader.Compound <= -0.05)),
            ("shouting", Measure(results, "s", r => r.Shouting.Detected)),
            ("urgency", Measure(results, "u", r => r.Urgency.Detected)),
            ("churn", Measure(results, "x", r => r.Churn.Detected)),
            ("wants human", Measure(results, "h", r => r.WantsHuman.Detected)),
            ("wants privacy", Measure(results, "p", r => r.WantsPrivacy.Detected)),
            ("PII", Measure(results, "i", r => r.Pii.Count > 0)),
        };

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Development set: {items.Count} messages");
        table.AppendLine("| signal | positives | precision | recall | F1 |");
        table.AppendLine("|---|---|---|---|---|");
        foreach (var (name, score) in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {score.Positives} | {score.Precision:0.00} | {score.Recall:0.00} | {score.F1:0.00} |");
        }

        output.WriteLine(table.ToString());
        foreach (var (labels, result) in results)
        {
            foreach (var (code, name, detected) in Signals(result))
            {
                if (labels.Contains(code) != detected)
                {
                    output.WriteLine($"{(detected ? "false positive" : "missed")} {name}: {result.Text}");
                }
            }
        }

        var scores = rows.ToDictionary(r => r.Name, r => r.Score);
        Assert.True(scores["complaint"].F1 >= 0.9, $"complaint F1 {scores["complaint"].F1:0.000} is below 0.9");
        Assert.True(scores["complaint: VADER alone (compound ≤ -0.05)"].F1 < scores["complaint"].F1 - 0.15, "VADER alone should be far below the cues");
        foreach (var name in new[] { "shouting", "urgency", "churn", "wants human", "wants privacy", "PII" })
        {
            Assert.True(scores[name].F1 >= 0.8, $"{name} F1 {scores[name].F1:0.000} is below the 0.8 floor");
        }
    }

    private static IEnumerable<(string Code, string Name, bool Detected)> Signals(TriageResult r) =>
    [
        ("c", "complaint", r.Complaint.Detected),
        ("s", "shouting", r.Shouting.Detected),
        ("u", "urgency", r.Urgency.Detected),
        ("x", "churn", r.Churn.Detected),
        ("h", "wants human", r.WantsHuman.Detected),
        ("p", "wants privacy", r.WantsPrivacy.Detected),
        ("i", "PII", r.Pii.Count > 0),
    ];

    private static Score Measure(List<(HashSet<string> Labels, TriageResult Result)> results, string code, Func<TriageResult, bool> predicted)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var (labels, result) in results)
        {
            var actual = labels.Contains(code);
            var guess = predicted(result);
            tp += actual && guess ? 1 : 0;
            fp += !actual && guess ? 1 : 0;
            fn += actual && !guess ? 1 : 0;
        }

        return new Score(tp + fn, tp, fp, fn);
    }

    internal static List<(HashSet<string> Labels, string Text)> Load()
    {
        var items = new List<(HashSet<string>, string)>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Triage", "DevSet", "devset.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var labels = line[..tab] == "-" ? [] : line[..tab].Split(',').ToHashSet();
            items.Add((labels, line[(tab + 1)..]));
        }

        return items;
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CareBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CareBot.sln not found above the test output directory.");
    }

    private sealed record Score(int Positives, int TruePositives, int FalsePositives, int FalseNegatives)
    {
        public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

        public double Recall => Positives == 0 ? 0 : (double)TruePositives / Positives;

        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    }
}
