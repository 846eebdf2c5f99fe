using System.Collections.Frozen;
using System.Globalization;
using CareBot.Care.Triage.Vader;

namespace CareBot.Care.Triage.Model;

/// <summary>
/// The learned part of triage: logistic regression over <see cref="TextFeatures"/>, one weight column per head
/// (complaint, praise, urgency), trained by tests/CareBot.Triage.Training on messages the project wrote itself and on VADER's
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
    public const string UrgencyHead = "urgency";

    /// <summary>
    /// The share of complaints among the held-out messages the complaint threshold is chosen on (the written messages:
    /// 5,774 of 11,561; care-model.md). <see cref="WithComplaintShare"/> moves the threshold from it.
    /// </summary>
    public const double TrainedComplaintShare = 0.5;

    private const int TopWordCount = 3;
    private static readonly Lazy<CareModel> EmbeddedModel = new(LoadEmbedded);

    [ThreadStatic]
    private static ScoringScratch? Scratch;

    private readonly FrozenDictionary<string, float[]> weights;
    private readonly FrozenDictionary<string, float[]>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly string[] heads;
    private readonly double[] thresholds;

    private CareModel(string[] heads, double[] thresholds, FrozenDictionary<string, float[]> weights)
    {
        this.heads = heads;
        this.thresholds = thresholds;
        this.weights = weights;
        lookup = weights.GetAlternateLookup<ReadOnlySpan<char>>();
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

    /// <summary>
    /// This model for a stream of messages of which <paramref name="share"/> are complaints: the complaint threshold's
    /// odds are scaled by Bayes' rule from <see cref="TrainedComplaintShare"/>, the share of the held-out messages it
    /// was chosen on (0.7 turns 0.45 into 0.26). The weights are shared, not copied.
    /// </summary>
    public CareModel WithComplaintShare(double share)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(share, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(share, 1);
        var moved = thresholds.ToArray();
        var h = IndexOf(ComplaintHead);
        moved[h] = ComplaintThresholdFor(moved[h], share);
        return new CareModel(heads, moved, weights);
    }

    /// <summary>A complaint threshold chosen where <see cref="TrainedComplaintShare"/> of the messages were complaints, moved to <paramref name="share"/>.</summary>
    public static double ComplaintThresholdFor(double threshold, double share)
    {
        var odds = threshold / (1 - threshold) * (TrainedComplaintShare / (1 - TrainedComplaintShare)) / (share / (1 - share));
        return Math.Round(odds / (1 + odds), 3);
    }

    /// <summary>Scores a message on one head, with the words that contributed most.</summary>
    public ModelScore Score(string text, VaderScores vader, string head) => ScoreAll(text, vader)[IndexOf(head)];

    /// <summary>Scores a message on every head at once (the features are extracted once), in the order of <see cref="Heads"/>.</summary>
    public IReadOnlyList<ModelScore> ScoreAll(string text, VaderScores vader)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scratch = Scratch ??= new ScoringScratch();
        TextFeatures.Tokenize(text, scratch.Tokens);
        var tokenCount = scratch.Tokens.Count;
        var sums = new double[heads.Length];
        var perWord = scratch.PerWord(heads.Length * tokenCount);
        TextFeatures.Extract(scratch.Tokens, text, vader, new ScoringSink(lookup, sums, perWord, tokenCount));

        var scores = new ModelScore[heads.Length];
        for (var h = 0; h < heads.Length; h++)
        {
            var probability = 1 / (1 + Math.Exp(-sums[h]));
            var detected = probability >= thresholds[h];

            // The words are only read to explain a signal that fired; finding them costs strings, so only then.
            scores[h] = new ModelScore(Math.Round(probability, 3), detected, detected ? TopWords(scratch.Tokens, perWord.AsSpan(h * tokenCount, tokenCount)) : []);
        }

        return scores;
    }

    /// <summary>The words that pushed a head's score up most, heaviest first.</summary>
    private static List<(string Word, double Weight)> TopWords(TokenBuffer tokens, ReadOnlySpan<double> contributions)
    {
        var top = new List<(string, double)>(TopWordCount);
        Span<int> chosen = stackalloc int[TopWordCount];
        for (var n = 0; n < TopWordCount; n++)
        {
            var best = -1;
            for (var t = 0; t < contributions.Length; t++)
            {
                if (contributions[t] > 0.05 && (best < 0 || contributions[t] > contributions[best]) && !chosen[..n].Contains(t))
                {
                    best = t;
                }
            }

            if (best < 0)
            {
                break;
            }

            chosen[n] = best;
            top.Add((tokens.Token(best), Math.Round(contributions[best], 2)));
        }

        return top;
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

    /// <summary>Sums each feature's weights per head, and per word for the explanation.</summary>
    private readonly struct ScoringSink(
        FrozenDictionary<string, float[]>.AlternateLookup<ReadOnlySpan<char>> lookup, double[] sums, double[] perWord, int tokenCount) : IFeatureSink
    {
        public void Add(ReadOnlySpan<char> key, float value, int token)
        {
            if (!lookup.TryGetValue(key, out var w))
            {
                return;
            }

            for (var h = 0; h < w.Length; h++)
            {
                var contribution = w[h] * value;
                sums[h] += contribution;
                if (token >= 0)
                {
                    perWord[(h * tokenCount) + token] += contribution;
                }
            }
        }
    }

    /// <summary>Per-thread buffers, so that scoring a message allocates only its result.</summary>
    private sealed class ScoringScratch
    {
        private double[] perWord = new double[256];

        public TokenBuffer Tokens { get; } = new();

        public double[] PerWord(int size)
        {
            if (perWord.Length < size)
            {
                perWord = new double[size * 2];
            }

            Array.Clear(perWord, 0, size);
            return perWord;
        }
    }
}
