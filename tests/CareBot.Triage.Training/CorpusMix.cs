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
/// held out one industry group (all its writers) at a time, its thresholds chosen on those pooled predictions as
/// training chooses them; airline-dev is printed beside it for the record, never used to choose.
/// </summary>
internal static class CorpusMix
{
    private static readonly (bool Templates, double WrittenWeight)[] Mixes = [(true, 1), (true, 3), (true, 6), (false, 1), (false, 3)];

    public static int Run(string airlineDevPath, TextWriter output)
    {
        var root = Repository.Root();
        var scorer = new VaderScorer();
        var templates = Training.ReadCorpus(root, scorer).ToList();
        var vader = VaderCorpora.Load(root, scorer);
        var distilled = DistilledLabels.Load(root, scorer);
        var cues = TriageCueLoader.LoadFile(Repository.CuesPath(root));
        var analyzer = new VaderSentimentAnalyzer();
        var tweets = AirlineDevSet.Load(airlineDevPath).Tweets;
        var loaded = WrittenCorpus.Load(root, scorer);
        var cuesAlone = Training.CuesAlone(cues, loaded);

        output.WriteLine("| templates | written weight | written held out: threshold | P | R | F1 | praise threshold | praise F1 | airline-dev complaint P | R | F1 | praise P | R | F1 |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (useTemplates, weight) in Mixes)
        {
            var written = loaded.Select(e => Weighted(e, weight)).ToList();
            var cue = written.Select((e, i) => (e, i)).ToDictionary(p => p.e, p => cuesAlone[loaded[p.i]].Complaint.Detected);
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

            var (complaintThreshold, praiseThreshold) = Training.ChooseThresholds(written, e => cue[e], e => heldOut[e].Complaint, e => heldOut[e].Praise);
            bool Complaint(Example e) => cue[e] || heldOut[e].Complaint >= complaintThreshold;
            var complaint = Score.Of(written, e => e.Complaint, Complaint);
            var praise = Score.Of(written, e => e.Praise, e => !Complaint(e) && heldOut[e].Praise >= praiseThreshold);

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
