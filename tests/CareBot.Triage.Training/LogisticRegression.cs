using System.Globalization;
using System.Text;
using CareBot.Care.Triage.Model;

namespace CareBot.Triage.Training;

/// <summary>
/// Plain logistic regression, one binary head per label, trained by AdaGrad with L2 shrinkage and balanced class
/// weights over the sparse <see cref="TextFeatures"/>. Small on purpose: a few hundred lines anyone can read, no
/// dependency, the same result for the same input (the example order is shuffled by a seeded generator).
/// </summary>
internal sealed class LogisticRegression
{
    private const int MinFeatureCount = 2;
    private const int Epochs = 12;
    private const double LearningRate = 0.2;
    private const double L2 = 2e-5;

    /// <summary>
    /// How much one distilled example (a MiniLM-head soft label) counts against one labelled example. Of 0.25, 0.5
    /// and 1 (see care-model.md), 0.25 had the best pooled held-out F1 on the own corpus, by a hair.
    /// </summary>
    public const double DistilledWeight = 0.25;

    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<string> keys = [];

    // Per feature: whether it would be a feature without the corpus's urgency set. The complaint and praise heads use
    // only these, so that adding the urgency set leaves their weights exactly as they were.
    private readonly List<bool> careFeature = [];
    private double[][] weights = [];

    public static readonly string[] Heads = [CareModel.ComplaintHead, CareModel.PraiseHead, CareModel.UrgencyHead];

    public static bool Label(Example example, int head) => head switch
    {
        0 => example.Complaint,
        1 => example.Praise,
        _ => example.Urgent == true,
    };

    /// <summary>
    /// Whether a head learns from an example: complaint from all, praise from the hard-labelled ones (the MiniLM head
    /// has no praise opinion), urgency only from those with an urgency label (our own corpus). The corpus's urgency set
    /// teaches the urgency head only, so that adding it leaves complaint and praise as they were.
    /// </summary>
    private static bool Learns(Example example, int head) => head switch
    {
        0 => !example.UrgencyOnly,
        1 => example.Distilled is null && !example.UrgencyOnly,
        _ => example.Urgent is not null,
    };

    public void Train(IReadOnlyList<Example> examples, int seed)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var careCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        // Distilled texts add vocabulary too: the words real writers use that our templates lack are the point.
        foreach (var example in examples)
        {
            TextFeatures.Extract(example.Text, example.Vader, (key, _, _) =>
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
                if (!example.UrgencyOnly)
                {
                    careCounts[key] = careCounts.GetValueOrDefault(key) + 1;
                }
            });
        }

        static bool Kept(string key, int count) =>
            count >= MinFeatureCount || !key.StartsWith("c:", StringComparison.Ordinal) && !key.StartsWith("w:", StringComparison.Ordinal) && !key.StartsWith("b:", StringComparison.Ordinal);

        foreach (var (key, count) in counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (Kept(key, count))
            {
                index[key] = keys.Count;
                keys.Add(key);
                careFeature.Add(careCounts.TryGetValue(key, out var careCount) && Kept(key, careCount));
            }
        }

        var rows = examples.Select(Vectorise).ToArray();
        weights = new double[Heads.Length][];
        for (var h = 0; h < Heads.Length; h++)
        {
            weights[h] = TrainHead(examples, rows, h, seed + h);
        }
    }

    public double Probability(string text, Care.Triage.Vader.VaderScores vader, int head)
    {
        var (ids, values) = Vectorise(new Example(text, vader, false, false, false, string.Empty));
        var sum = 0.0;
        for (var k = 0; k < ids.Length; k++)
        {
            sum += weights[head][ids[k]] * values[k];
        }

        return 1 / (1 + Math.Exp(-sum));
    }

    /// <summary>The model file CareBot.Care loads (see <see cref="CareModel"/>), with a comment header.</summary>
    public string ToModelFile(IReadOnlyList<string> header, double[] thresholds)
    {
        var text = new StringBuilder();
        foreach (var line in header)
        {
            text.Append("# ").AppendLine(line);
        }

        text.Append("heads\t").AppendJoin('\t', Heads).AppendLine();
        text.Append("threshold\t").AppendJoin('\t', thresholds.Select(t => t.ToString("0.###", CultureInfo.InvariantCulture))).AppendLine();
        for (var f = 0; f < keys.Count; f++)
        {
            if (Heads.Select((_, h) => Math.Abs(weights[h][f])).Max() < 0.005)
            {
                continue;
            }

            text.Append(keys[f]);
            for (var h = 0; h < Heads.Length; h++)
            {
                text.Append('\t').Append(weights[h][f].ToString("0.####", CultureInfo.InvariantCulture));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>The heaviest features of a head, for the data card.</summary>
    public IEnumerable<(string Key, double Weight)> Top(int head, int count, bool positive) =>
        keys.Select((key, f) => (key, weights[head][f]))
            .Where(p => p.key.StartsWith("w:", StringComparison.Ordinal) || p.key.StartsWith("b:", StringComparison.Ordinal))
            .OrderBy(p => positive ? -p.Item2 : p.Item2)
            .Take(count);

    private (int[] Ids, float[] Values) Vectorise(Example example)
    {
        var ids = new List<int>();
        var values = new List<float>();
        TextFeatures.Extract(example.Text, example.Vader, (key, value, _) =>
        {
            if (index.TryGetValue(key, out var id))
            {
                ids.Add(id);
                values.Add(value);
            }
        });
        return (ids.ToArray(), values.ToArray());
    }

    private double[] TrainHead(IReadOnlyList<Example> examples, (int[] Ids, float[] Values)[] rows, int head, int seed)
    {
        var w = new double[keys.Count];
        var g2 = new double[keys.Count];
        // Class balance counts the hard-labelled examples the head learns from; a distilled example weighs
        // DistilledWeight in the complaint head and nothing in the others.
        var labelled = examples.Count(e => e.Distilled is null && Learns(e, head));
        var positives = examples.Count(e => e.Distilled is null && Learns(e, head) && Label(e, head));
        var negatives = labelled - positives;
        var positiveWeight = positives == 0 ? 1 : 0.5 * labelled / positives;
        var negativeWeight = negatives == 0 ? 1 : 0.5 * labelled / negatives;
        // Only the examples this head learns from are visited, so adding distilled examples leaves the praise head's
        // order (and so its weights) as it was.
        var order = Enumerable.Range(0, rows.Length).Where(r => Learns(examples[r], head)).ToArray();
        var random = new Random(seed);
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var r in order)
            {
                var distilled = examples[r].Distilled;
                var (ids, values) = rows[r];
                var sum = 0.0;
                for (var k = 0; k < ids.Length; k++)
                {
                    if (head == 2 || careFeature[ids[k]])
                    {
                        sum += w[ids[k]] * values[k];
                    }
                }

                var label = Label(examples[r], head);
                var target = distilled ?? (label ? 1 : 0);
                var error = (1 / (1 + Math.Exp(-sum))) - target;
                var scale = examples[r].Weight * (distilled is not null ? DistilledWeight : label ? positiveWeight : negativeWeight);
                for (var k = 0; k < ids.Length; k++)
                {
                    var id = ids[k];
                    if (head != 2 && !careFeature[id])
                    {
                        continue;
                    }

                    var gradient = (scale * error * values[k]) + (L2 * w[id]);
                    g2[id] += gradient * gradient;
                    w[id] -= LearningRate * gradient / (Math.Sqrt(g2[id]) + 1e-8);
                }
            }
        }

        return w;
    }
}
