using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Vader;

namespace CareBot.Care.Tests.Triage.Model;

/// <summary>The care model's features: what a message turns into, and the allocation-free scoring path agreeing with it.</summary>
public sealed class TextFeaturesTests
{
    private static readonly VaderScorer Scorer = new();

    private static List<string> Keys(string text)
    {
        var keys = new List<string>();
        TextFeatures.Extract(text, Scorer.Score(text), (key, _, _) => keys.Add(key));
        return keys;
    }

    [Fact]
    public void Words_pairs_trigrams_and_marks_are_features()
    {
        var keys = Keys("Where is my BAGGG?!");

        Assert.Contains("w:bagg", keys);
        Assert.Contains("b:my bagg", keys);
        Assert.Contains("b:<s> where", keys);
        Assert.Contains("c:<wh", keys);
        Assert.Contains("c:re>", keys);
        Assert.Contains("p:?", keys);
        Assert.Contains("p:!", keys);
        Assert.DoesNotContain("c:<is", keys);
    }

    [Fact]
    public void Handles_and_links_are_dropped_and_apostrophes_vanish()
    {
        Assert.Equal(["dont", "lose", "it", "😡"], TextFeatures.Tokens("@SkyJet don't lose it https://t.co/x 😡"));
    }

    [Theory]
    [InlineData("another delay. wow")]
    [InlineData("U GUYS HOW DO U LOSE A WHOLE SUITCASE ON A 1 HOUR FLIGHT")]
    [InlineData("thanks! all sorted now :) @FlyNorthwind")]
    [InlineData("never got my refund, nobody answers 🙄 #fail")]
    public void Scoring_by_span_gives_the_same_probability_as_the_features_written_out(string text)
    {
        var model = CareModel.Embedded;
        var vader = Scorer.Score(text);
        var weights = ParseWeights();
        var sum = 0.0;
        TextFeatures.Extract(text, vader, (key, value, _) => sum += weights.GetValueOrDefault(key) * value);
        var expected = Math.Round(1 / (1 + Math.Exp(-sum)), 3);

        Assert.InRange(model.Score(text, vader, CareModel.ComplaintHead).Probability, expected - 0.0015, expected + 0.0015);
    }

    private static Dictionary<string, double> ParseWeights()
    {
        using var stream = typeof(CareModel).Assembly.GetManifestResourceStream("CareBot.Care.Triage.Model.care-model.tsv")!;
        using var reader = new StreamReader(stream);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split('\t');
            if (line.StartsWith('#') || fields[0] is "heads" or "threshold")
            {
                continue;
            }

            weights[fields[0]] = (float)double.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }

        return weights;
    }
}
