using System.Collections.Frozen;
using System.Globalization;
using CareBot.Care.Triage.Vader;

namespace CareBot.Care.Triage.Model;

/// <summary>
/// The learned part of triage: logistic regression over <see cref="TextFeatures"/>, one weight column per head
/// (complaint, praise), trained by tests/CareBot.Triage.Training on messages the project wrote itself and on VADER's
/// MIT corpora. Loaded once from the embedded model file; immutable and thread-safe.
/// </summary>
/// <remarks>
/// File format (UTF-8 text): '#' comment lines, then <c>heads&lt;TAB&gt;name...</c>, <c>threshold&lt;TAB&gt;value...</c>, and one
/// line per feature: <c>key&lt;TAB&gt;weight per head</c>. A plain text file keeps every weight readable and diffable.
/// </remarks>
public sealed class CareModel
{
    public const string ComplaintHead = "complaint";
    public const string PraiseHead = "praise";

    private const int TopWordCount = 3;
    private static readonly Lazy<CareModel> EmbeddedModel = new(LoadEmbedded);

    private readonly FrozenDictionary<string, float[]> weights;
    private readonly string[] heads;
    private readonly double[] thresholds;

    private CareModel(string[] heads, double[] thresholds, FrozenDictionary<string, float[]> weights)
    {
        this.heads = heads;
        this.thresholds = thresholds;
        this.weights = weights;
    }

    /// <summary>The model shipped inside CareBot.Care (Triage/Model/care-model.tsv).</summary>
    public static CareModel Embedded => EmbeddedModel.Value;

    public IReadOnlyList<string> Heads => heads;

    public int FeatureCount => weights.Count;

    /// <summary>The decision threshold of a head, as chosen at training time on held-out industries.</summary>
    public double Threshold(string head) => thresholds[IndexOf(head)];

    /// <summary>Parses a model file; <paramref name="source"/> names it in errors.</summary>
    public static CareModel Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string[]? heads = null;
        double[]? thresholds = null;
        var weights = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields[0] == "heads")
            {
                heads = fields[1..];
                continue;
            }

            if (heads is null || fields.Length != heads.Length + 1)
            {
                throw new FormatException($"{source}:{lineNumber}: expected a key and {heads?.Length ?? 0} weights after a 'heads' line; the model file is damaged, retrain it.");
            }

            var values = new double[heads.Length];
            for (var h = 0; h < heads.Length; h++)
            {
                values[h] = double.Parse(fields[h + 1], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            if (fields[0] == "threshold")
            {
                thresholds = values;
            }
            else
            {
                weights[fields[0]] = Array.ConvertAll(values, v => (float)v);
            }
        }

        if (heads is null || thresholds is null)
        {
            throw new FormatException($"{source}: the model file has no 'heads' or 'threshold' line; retrain it.");
        }

        return new CareModel(heads, thresholds, weights.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Scores a message on one head, with the words that contributed most.</summary>
    public ModelScore Score(string text, VaderScores vader, string head) => ScoreAll(text, vader)[IndexOf(head)];

    /// <summary>Scores a message on every head at once (the features are extracted once), in the order of <see cref="Heads"/>.</summary>
    public IReadOnlyList<ModelScore> ScoreAll(string text, VaderScores vader)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = TextFeatures.Tokens(text);
        var sums = new double[heads.Length];
        var perWord = new double[heads.Length, tokens.Count];
        TextFeatures.Extract(tokens, text, vader, (key, value, token) =>
        {
            if (weights.TryGetValue(key, out var w))
            {
                for (var h = 0; h < w.Length; h++)
                {
                    var contribution = w[h] * value;
                    sums[h] += contribution;
                    if (token >= 0)
                    {
                        perWord[h, token] += contribution;
                    }
                }
            }
        });

        var scores = new ModelScore[heads.Length];
        for (var h = 0; h < heads.Length; h++)
        {
            var probability = 1 / (1 + Math.Exp(-sums[h]));
            var top = new List<(string, double)>(TopWordCount);
            var head = h;
            foreach (var index in Enumerable.Range(0, tokens.Count).Where(i => perWord[head, i] > 0.05).OrderByDescending(i => perWord[head, i]).Take(TopWordCount))
            {
                top.Add((tokens[index], Math.Round(perWord[head, index], 2)));
            }

            scores[h] = new ModelScore(Math.Round(probability, 3), probability >= thresholds[h], top);
        }

        return scores;
    }

    private int IndexOf(string head)
    {
        var index = Array.IndexOf(heads, head);
        return index >= 0 ? index : throw new ArgumentException($"The care model has no head '{head}'; it has {string.Join(", ", heads)}.", nameof(head));
    }

    private static CareModel LoadEmbedded()
    {
        using var stream = typeof(CareModel).Assembly.GetManifestResourceStream("CareBot.Care.Triage.Model.care-model.tsv")
            ?? throw new InvalidOperationException("The embedded care model is missing from CareBot.Care.");
        using var reader = new StreamReader(stream);
        return Parse(reader, "embedded:care-model.tsv");
    }
}
