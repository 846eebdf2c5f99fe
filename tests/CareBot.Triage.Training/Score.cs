using System.Globalization;

namespace CareBot.Triage.Training;

/// <summary>Counts of one binary decision against labels, and the usual figures.</summary>
internal sealed class Score
{
    public int TruePositives { get; private set; }

    public int FalsePositives { get; private set; }

    public int FalseNegatives { get; private set; }

    public int Positives => TruePositives + FalseNegatives;

    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => Positives == 0 ? 0 : (double)TruePositives / Positives;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>F0.5: precision weighs twice as much as recall (a false alarm costs more than a miss).</summary>
    public double F05 => Precision + Recall == 0 ? 0 : 1.25 * Precision * Recall / ((0.25 * Precision) + Recall);

    public static Score Of<T>(IEnumerable<T> items, Func<T, bool> truth, Func<T, bool> predicted)
    {
        var score = new Score();
        foreach (var item in items)
        {
            score.Add(truth(item), predicted(item));
        }

        return score;
    }

    public void Add(bool truth, bool predicted)
    {
        if (truth && predicted)
        {
            TruePositives++;
        }
        else if (predicted)
        {
            FalsePositives++;
        }
        else if (truth)
        {
            FalseNegatives++;
        }
    }

    /// <summary>A Markdown table row: name, positives, precision, recall, F1.</summary>
    public string Row(string name) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {Positives} | {Precision:0.00} | {Recall:0.00} | {F1:0.00} |");

    public const string Header = "| signal | positives | precision | recall | F1 |\n|---|---|---|---|---|";
}
