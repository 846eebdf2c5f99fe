using System.Globalization;
using System.Text;

namespace CareBot.Triage.Training.Embeddings;

/// <summary>
/// Logistic regression on a dense sentence embedding, one head per label: full-batch gradient descent with L2 and
/// balanced class weights, from zero weights, so the same examples always give the same model (no random order).
/// </summary>
internal sealed class EmbeddingHead
{
    private const int Epochs = 300;
    private const double LearningRate = 2.0;
    private const double L2 = 1e-4;

    private double[][] weights = [];

    public static readonly string[] Heads = LogisticRegression.Heads;

    public static EmbeddingHead Train(IReadOnlyList<Example> examples, IReadOnlyList<float[]> vectors)
    {
        var head = new EmbeddingHead { weights = new double[Heads.Length][] };
        for (var h = 0; h < Heads.Length; h++)
        {
            head.weights[h] = TrainHead(examples, vectors, h);
        }

        return head;
    }

    public double Probability(float[] vector, int head)
    {
        var w = weights[head];
        var sum = w[^1];
        for (var i = 0; i < vector.Length; i++)
        {
            sum += w[i] * vector[i];
        }

        return 1 / (1 + Math.Exp(-sum));
    }

    /// <summary>The plain-text file of one of these heads (see <see cref="ModelFile"/>).</summary>
    public string ToModelFile(IReadOnlyList<string> header, int head, double threshold, double bandLow, double bandHigh) =>
        ModelFile(header, Heads[head], threshold, bandLow, bandHigh, weights[head]);

    /// <summary>
    /// The plain-text file of a head, as triage reads it (<c>CareBot.Care.Embeddings.EmbeddingHead.Read</c>; the
    /// fine-tuning tool writes its head with this too): a comment header, the head's name, its threshold, the band of
    /// fast-model probabilities where it decides, then one row per embedding dimension and the bias last.
    /// </summary>
    public static string ModelFile(IReadOnlyList<string> header, string head, double threshold, double bandLow, double bandHigh, IReadOnlyList<double> weightsThenBias)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(weightsThenBias);
        var text = new StringBuilder();
        foreach (var line in header)
        {
            text.Append("# ").AppendLine(line);
        }

        text.Append("head\t").AppendLine(head);
        text.Append("threshold\t").AppendLine(threshold.ToString("0.###", CultureInfo.InvariantCulture));
        text.Append("band\t").Append(bandLow.ToString("0.###", CultureInfo.InvariantCulture)).Append('\t')
            .AppendLine(bandHigh.ToString("0.###", CultureInfo.InvariantCulture));
        for (var i = 0; i < weightsThenBias.Count; i++)
        {
            text.Append(i == weightsThenBias.Count - 1 ? "bias" : i.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .AppendLine(weightsThenBias[i].ToString("0.######", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static double[] TrainHead(IReadOnlyList<Example> examples, IReadOnlyList<float[]> vectors, int head)
    {
        var dimensions = vectors[0].Length;
        var w = new double[dimensions + 1];
        var gradient = new double[dimensions + 1];
        var positives = examples.Count(e => LogisticRegression.Label(e, head));
        var positiveWeight = 0.5 * examples.Count / Math.Max(1, positives);
        var negativeWeight = 0.5 * examples.Count / Math.Max(1, examples.Count - positives);
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            Array.Clear(gradient);
            for (var r = 0; r < examples.Count; r++)
            {
                var v = vectors[r];
                var sum = w[dimensions];
                for (var i = 0; i < dimensions; i++)
                {
                    sum += w[i] * v[i];
                }

                var label = LogisticRegression.Label(examples[r], head);
                var error = ((1 / (1 + Math.Exp(-sum))) - (label ? 1 : 0)) * (label ? positiveWeight : negativeWeight);
                for (var i = 0; i < dimensions; i++)
                {
                    gradient[i] += error * v[i];
                }

                gradient[dimensions] += error;
            }

            for (var i = 0; i <= dimensions; i++)
            {
                var shrink = i < dimensions ? L2 * w[i] : 0;
                w[i] -= LearningRate * ((gradient[i] / examples.Count) + shrink);
            }
        }

        return w;
    }
}
