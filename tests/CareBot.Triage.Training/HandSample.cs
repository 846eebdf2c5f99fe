using System.Globalization;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Triage.Training;

/// <summary>
/// A seeded random sample of a real-tweet file (e.g. airline-dev.tsv), with what triage says of wants-human, urgency
/// and churn, for a person to judge: that file has no labels for those signals. Prints TSV: number, the three
/// detections (1/0; urgency with Triage:UrgencyModel on: a cue or the care model's urgency head), the urgency head's
/// probability and the text. The same file and size give the same sample. Judge with the detections cut away
/// (<c>cut -f1,6</c>).
/// </summary>
internal static class HandSample
{
    private const int Seed = 13;

    public static int Run(string path, int size, TextWriter output)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"sample: cannot read '{path}'");
            return 1;
        }

        var (tweets, _, _, _, _) = AirlineDevSet.Load(path);
        var sample = tweets.ToArray();
        new Random(Seed).Shuffle(sample);
        var analyzer = new VaderSentimentAnalyzer();
        var triage = new TriageService(analyzer, TriageCueLoader.LoadFile(Repository.CuesPath(Repository.Root()))) { UrgencyModel = true };
        output.WriteLine("n\twantsHuman\turgency\tchurn\turgencyModel\ttext");
        foreach (var (tweet, n) in sample.Take(size).Select((t, i) => (t, i + 1)))
        {
            var result = triage.Triage(tweet.Text, analyzer.Analyze(ReadableText.Of(tweet.Text)));
            var urgency = CareModel.Embedded.Score(ReadableText.Of(tweet.Text), result.Sentiment.Vader, CareModel.UrgencyHead).Probability;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n}\t{Flag(result.WantsHuman)}\t{Flag(result.Urgency)}\t{Flag(result.Churn)}\t{urgency:0.00}\t{tweet.Text}"));
        }

        return 0;
    }

    /// <summary>A seeded random sample of the complaints (label negative) that triage missed, to study the kinds of misses.</summary>
    public static int Misses(string path, int size, TextWriter output)
    {
        var (tweets, _, _, _, _) = AirlineDevSet.Load(path);
        var analyzer = new VaderSentimentAnalyzer();
        var triage = new TriageService(analyzer, TriageCueLoader.LoadFile(Repository.CuesPath(Repository.Root())));
        var missed = tweets.Where(t => t.Sentiment == "negative" && !triage.Triage(t.Text, analyzer.Analyze(ReadableText.Of(t.Text))).Complaint.Detected).ToArray();
        new Random(Seed).Shuffle(missed);
        foreach (var tweet in missed.Take(size))
        {
            output.WriteLine(tweet.Text);
        }

        return 0;
    }

    private static int Flag(TriageSignal signal) => signal.Detected ? 1 : 0;
}
