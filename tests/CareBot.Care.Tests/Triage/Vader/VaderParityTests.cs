using System.Globalization;
using System.Text;
using CareBot.Care.Triage.Vader;
using Xunit.Abstractions;

namespace CareBot.Care.Tests.Triage.Vader;

/// <summary>
/// The embedded VADER must reproduce the reference implementation on every human-rated text of the VADER paper.
/// </summary>
public sealed class VaderParityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    [Fact]
    public void Every_ground_truth_text_scores_like_the_reference_implementation()
    {
        var scorer = new VaderScorer();
        var texts = GroundTruth.Load();
        var reference = GroundTruth.LoadReference();
        Assert.Equal(reference.Count, texts.Count);

        var mismatches = new List<string>();
        foreach (var item in texts)
        {
            var expected = reference[(item.Dataset, item.Id)];
            var actual = scorer.Score(item.Text);
            if (!Close(expected.Negative, actual.Negative) || !Close(expected.Neutral, actual.Neutral)
                || !Close(expected.Positive, actual.Positive) || !Close(expected.Compound, actual.Compound))
            {
                mismatches.Add($"{item.Dataset} {item.Id}: expected {expected}, got {actual} for \"{item.Text}\"");
            }
        }

        foreach (var line in mismatches.Take(20))
        {
            output.WriteLine(line);
        }

        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} of {texts.Count} texts differ from the reference; first: {string.Join(Environment.NewLine, mismatches.Take(5))}");
    }

    [Fact]
    public void Compound_correlates_with_human_ratings_on_tweets_like_the_reference()
    {
        var scorer = new VaderScorer();
        var tweets = GroundTruth.Load().Where(t => t.Dataset == "tweets").ToList();

        var r = Pearson(tweets.Select(t => scorer.Score(t.Text).Compound).ToList(), tweets.Select(t => t.HumanRating).ToList());

        output.WriteLine($"Pearson r on {tweets.Count} tweets: {r:F4}");
        Assert.InRange(r, 0.8715, 0.8729);
    }

    [Theory]
    [InlineData("VADER is smart, handsome, and funny.", 0.0, 0.254, 0.746, 0.8316)]
    [InlineData("VADER is not smart, handsome, nor funny.", 0.646, 0.354, 0.0, -0.7424)]
    [InlineData("The book was only kind of good.", 0.0, 0.697, 0.303, 0.3832)]
    [InlineData("Catch utf-8 emoji such as 💘 and 💋 and 😁", 0.0, 0.583, 0.417, 0.875)]
    [InlineData("My order never arrived and NOBODY answers the phone!!!", 0.0, 1.0, 0.0, 0.0)]
    [InlineData("", 0.0, 0.0, 0.0, 0.0)]
    public void Known_examples_score_as_published(string text, double neg, double neu, double pos, double compound)
    {
        var scores = new VaderScorer().Score(text);

        Assert.Equal(new VaderScores(neg, neu, pos, compound), scores);
    }

    [Fact]
    public void The_fire_emoji_is_the_one_deliberate_difference_it_reads_as_slang_not_as_a_fire()
    {
        // The reference reads "🔥🔥🔥" as "fire fire fire": compound -0.7. Under a brand's post it means "great".
        Assert.Equal(0.0, new VaderScorer().Score("🔥🔥🔥").Compound);
        Assert.True(new VaderScorer().Score("my toaster caught fire").Compound < 0);
    }

    private static bool Close(double expected, double actual) => Math.Abs(expected - actual) <= Tolerance;

    private static double Pearson(List<double> x, List<double> y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }
}
