using System.Globalization;
using System.Text;
using CareBot.Care.Triage.Vader;

namespace CareBot.Care.Tests.Triage.Vader;

/// <summary>The human-rated texts of the VADER paper and the reference implementation's scores for them.</summary>
internal static class GroundTruth
{
    public static readonly string[] Datasets = ["tweets", "nytEditorialSnippets", "movieReviewSnippets", "amazonReviewSnippets"];

    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "Triage", "Data");

    public static IReadOnlyList<GroundTruthText> Load()
    {
        var texts = new List<GroundTruthText>();
        foreach (var dataset in Datasets)
        {
            foreach (var line in File.ReadLines(Path.Combine(DataDirectory, dataset + "_GroundTruth.txt"), Encoding.UTF8))
            {
                if (line.Length == 0)
                {
                    continue;
                }

                var first = line.IndexOf('\t', StringComparison.Ordinal);
                var second = line.IndexOf('\t', first + 1);
                texts.Add(new GroundTruthText(
                    dataset,
                    line[..first],
                    double.Parse(line[(first + 1)..second], CultureInfo.InvariantCulture),
                    line[(second + 1)..]));
            }
        }

        return texts;
    }

    public static IReadOnlyDictionary<(string Dataset, string Id), VaderScores> LoadReference()
    {
        var scores = new Dictionary<(string, string), VaderScores>();
        foreach (var line in File.ReadLines(Path.Combine(DataDirectory, "reference_scores.tsv")).Skip(1))
        {
            var f = line.Split('\t');
            scores[(f[0], f[1])] = new VaderScores(
                double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture),
                double.Parse(f[4], CultureInfo.InvariantCulture),
                double.Parse(f[5], CultureInfo.InvariantCulture));
        }

        return scores;
    }
}

internal sealed record GroundTruthText(string Dataset, string Id, double HumanRating, string Text);
