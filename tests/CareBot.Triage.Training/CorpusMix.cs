using System.Globalization;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Sentiment;
using CareBot.Care.Triage.Vader;
using CareBot.Triage.Training.Corpus;
using CareBot.Triage.Training.Distillation;

namespace CareBot.Triage.Training;

/// <summary>
/// How much the written messages should count against the template corpus. Each mix is judged on the written messages
/// held out one industry group (all its writers) at a time, its thresholds chosen on those pooled predictions (praise
/// for F0.5, as in training); airline-dev is printed beside it for the record, never used to choose.
/// </summary>
internal static class CorpusMix
{
    private static readonly (bool Templates, double WrittenWeight)[] Mixes = [(true, 1), (true, 3), (true, 6), (false, 1), (false, 3)];

    private static readonly double[] Thresholds = [.. Enumerable.Range(4, 16).Select(i => i * 0.05)];

    public static int Run(string airlineDevPath, TextWriter output)
    {
        var root = Repository.Root();
        var scorer = new VaderScorer();
        var templates = Training.ReadCorpus(root, scorer).ToList();
        var vader = VaderCorpora.Load(root, scorer);
        var distilled = DistilledLabels.Load(root, scorer);
        var cues = TriageCueLoader.LoadFile(Path.Combine(root, "dialogs", "settings", "triage.yaml"));
        var analyzer = new VaderSentimentAnalyzer();
        var cuesOnly = new TriageService(analyzer, cues, Training.SilentModel());
        var tweets = AirlineDevSet.Load(airlineDevPath).Tweets;

        output.WriteLine("| templates | written weight | written held out: threshold | P | R | F1 | praise threshold | praise F1 | airline-dev complaint P | R | F1 | praise P | R | F1 |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (useTemplates, weight) in Mixes)
        {
            var written = WrittenCorpus.Load(root, scorer).Select(e => Weighted(e, weight)).ToList();
            var cueComplaint = written.ToDictionary(e => e, e => cuesOnly.Triage(e.Text, analyzer.Analyze(ReadableText.Of(e.Text))).Complaint.Detected);
            var heldOut = new Dictionary<Example, (double Complaint, double Praise)>();
            foreach (var group in written.Select(e => e.Group).Distinct())
            {
                var model = new LogisticRegression();
                model.Train([.. useTemplates ? templates : templates.Where(e => e.UrgencyOnly), .. written.Where(e => e.Group != group), .. vader, .. distilled], Training.Seed);
                foreach (var e in written.Where(e => e.Group == group))
                {
                    heldOut[e] = (model.Probability(e.Text, e.Vader, 0), model.Probability(e.Text, e.Vader, 1));
                }
            }

            bool Complaint(Example e, double t) => cueComplaint[e] || heldOut[e].Complaint >= t;
            var complaintThreshold = Thresholds.MaxBy(t => Score.Of(written, e => e.Complaint, e => Complaint(e, t)).F1);
            var complaint = Score.Of(written, e => e.Complaint, e => Complaint(e, complaintThreshold));
            var praiseThreshold = Thresholds.MaxBy(t => Score.Of(written, e => e.Praise, e => !Complaint(e, complaintThreshold) && heldOut[e].Praise >= t).F05);
            var praise = Score.Of(written, e => e.Praise, e => !Complaint(e, complaintThreshold) && heldOut[e].Praise >= praiseThreshold);

            var final = new LogisticRegression();
            final.Train([.. useTemplates ? templates : templates.Where(e => e.UrgencyOnly), .. written, .. vader, .. distilled], Training.Seed);
            var file = final.ToModelFile([], [complaintThreshold, praiseThreshold, CareModel.Embedded.Threshold(CareModel.UrgencyHead)]);
            var triage = new TriageService(analyzer, cues, CareModel.Parse(new StringReader(file), "mix"));
            var results = tweets.Select(t => (t.Sentiment, Result: triage.Triage(t.Text, analyzer.Analyze(ReadableText.Of(t.Text))))).ToList();
            var airlineComplaint = Score.Of(results, r => r.Sentiment == "negative", r => r.Result.Complaint.Detected);
            var airlinePraise = Score.Of(results, r => r.Sentiment == "positive", r => r.Result.Praise.Detected);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {(useTemplates ? "yes" : "urgency set only")} | {weight} | {complaintThreshold:0.00} | {complaint.Precision:0.000} | {complaint.Recall:0.000} | {complaint.F1:0.000} | {praiseThreshold:0.00} | {praise.F1:0.000} | {airlineComplaint.Precision:0.000} | {airlineComplaint.Recall:0.000} | {airlineComplaint.F1:0.000} | {airlinePraise.Precision:0.000} | {airlinePraise.Recall:0.000} | {airlinePraise.F1:0.000} |"));
        }

        return 0;
    }

    private static Example Weighted(Example e, double weight) =>
        new(e.Text, e.Vader, e.Complaint, e.Praise, e.Question, e.Group) { Urgent = e.Urgent, Weight = weight };
}
