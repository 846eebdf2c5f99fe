using System.Globalization;

namespace CareBot.Triage.Training.Distillation;

/// <summary>
/// The texts of VADER's MIT corpora (tests/CareBot.Care.Tests/Triage/Data) that <see cref="VaderCorpora"/> leaves out:
/// tweets and Amazon snippets whose mean human rating is unclear (between ±0.25 and ±0.75), and every movie-review and
/// New York Times editorial snippet. Their only labels are the frozen MiniLM head's (see <see cref="DistilledLabels"/>).
/// </summary>
internal static class UnlabelledCorpora
{
    private static readonly string[] Names = ["tweets", "amazonReviewSnippets", "movieReviewSnippets", "nytEditorialSnippets"];

    public static List<UnlabelledText> Load(string repositoryRoot)
    {
        var texts = new List<UnlabelledText>();
        foreach (var name in Names)
        {
            var labelled = VaderCorpora.Names.Contains(name);
            var path = Path.Combine(repositoryRoot, "tests", "CareBot.Care.Tests", "Triage", "Data", name + "_GroundTruth.txt");
            foreach (var line in File.ReadLines(path))
            {
                var fields = line.TrimEnd('\r').Split('\t', 3);
                if (fields.Length < 3)
                {
                    continue;
                }

                // The rows VaderCorpora turns into complaint, praise or neither keep their human label.
                var mean = Math.Abs(double.Parse(fields[1], CultureInfo.InvariantCulture));
                if (labelled && (mean >= 0.75 || mean <= 0.25))
                {
                    continue;
                }

                texts.Add(new UnlabelledText(name, fields[0], fields[2]));
            }
        }

        return texts;
    }
}
