using System.Globalization;

namespace CareBot.Care.Embeddings;

/// <summary>
/// The complaint head on MiniLM sentence embeddings: logistic regression over the 384 numbers, with the threshold and
/// the band of care-model probabilities where it decides. The shipped one (<see cref="Embedded"/>) sits on the
/// fine-tuned encoder (<see cref="CareEncoder"/>) and is written by <c>dotnet run -c Release --project
/// tests/CareBot.Triage.FineTuning</c> (see care-embedding-head.md); the training tool reads the frozen encoder's head,
/// the teacher of its distilled labels, with <see cref="Read"/> too.
/// </summary>
public sealed class EmbeddingHead
{
    public const int Dimensions = 384;

    private const string ResourceName = "CareBot.Care.Embeddings.care-embedding-head.tsv";

    private readonly float[] weights;
    private readonly double bias;

    private EmbeddingHead(float[] weights, double bias, double threshold, double unsureFrom, double unsureTo)
    {
        this.weights = weights;
        this.bias = bias;
        Threshold = threshold;
        UnsureFrom = unsureFrom;
        UnsureTo = unsureTo;
    }

    /// <summary>The head shipped inside this assembly.</summary>
    public static EmbeddingHead Embedded { get; } = LoadEmbedded();

    public double Threshold { get; }

    public double UnsureFrom { get; }

    public double UnsureTo { get; }

    /// <summary>Complaint probability of a sentence embedding.</summary>
    public double Probability(ReadOnlySpan<float> embedding)
    {
        if (embedding.Length != Dimensions)
        {
            throw new ArgumentException($"A MiniLM embedding has {Dimensions} numbers; this one has {embedding.Length}.", nameof(embedding));
        }

        var sum = bias;
        for (var i = 0; i < Dimensions; i++)
        {
            sum += weights[i] * (double)embedding[i];
        }

        return 1 / (1 + Math.Exp(-sum));
    }

    /// <summary>Reads a head file (written by <c>Recipe.HeadFile</c> of the fine-tuning tool, or <c>EmbeddingHead.ToModelFile</c> of the training tool).</summary>
    public static EmbeddingHead Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var weights = new float[Dimensions];
        var seen = 0;
        double? bias = null, threshold = null, from = null, to = null;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            switch (fields[0])
            {
                case "head" when fields[1] != "complaint":
                    throw new InvalidDataException($"The embedding head file holds head '{fields[1]}'; triage needs 'complaint'.");
                case "head":
                    break;
                case "threshold":
                    threshold = Number(fields[1]);
                    break;
                case "band":
                    (from, to) = (Number(fields[1]), Number(fields[2]));
                    break;
                case "bias":
                    bias = Number(fields[1]);
                    break;
                default:
                    weights[int.Parse(fields[0], CultureInfo.InvariantCulture)] = (float)Number(fields[1]);
                    seen++;
                    break;
            }
        }

        if (seen != Dimensions || bias is null || threshold is null || from is null || to is null)
        {
            throw new InvalidDataException($"The embedding head file is incomplete ({seen} of {Dimensions} weights); rewrite it with tests/CareBot.Triage.FineTuning.");
        }

        return new EmbeddingHead(weights, bias.Value, threshold.Value, from.Value, to.Value);
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static EmbeddingHead LoadEmbedded()
    {
        using var stream = typeof(EmbeddingHead).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Resource {ResourceName} is missing from {typeof(EmbeddingHead).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Read(reader);
    }
}
