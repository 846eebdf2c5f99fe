using System.Globalization;
using CareBot.Care.Triage.Vader;

namespace CareBot.Triage.Training;

/// <summary>
/// VADER's MIT ground-truth corpora (tests/CareBot.Care.Tests/Triage/Data): real tweets and Amazon review snippets,
/// each with the mean of ten human ratings (-4..4). A mean of -0.75 or less counts as a complaint, 0.75 or more as praise,
/// within ±0.25 as neither; the unclear rest is left out.
/// </summary>
internal static class VaderCorpora
{
    public static readonly string[] Names = ["tweets", "amazonReviewSnippets"];

    public static List<Example> Load(string repositoryRoot, VaderScorer scorer)
    {
        var examples = new List<Example>();
        foreach (var name in Names)
        {
            var path = Path.Combine(repositoryRoot, "tests", "CareBot.Care.Tests", "Triage", "Data", name + "_GroundTruth.txt");
            foreach (var line in File.ReadLines(path))
            {
                var fields = line.TrimEnd('\r').Split('\t', 3);
                if (fields.Length < 3)
                {
                    continue;
                }

                var mean = double.Parse(fields[1], CultureInfo.InvariantCulture);
                var complaint = mean <= -0.75;
                var praise = mean >= 0.75;
                if (!complaint && !praise && Math.Abs(mean) > 0.25)
                {
                    continue;
                }

                var text = fields[2];
                examples.Add(new Example(text, scorer.Score(text), complaint, praise, text.Contains('?', StringComparison.Ordinal), "vader-" + name));
            }
        }

        return examples;
    }
}
