using System.Globalization;
using System.Text;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Sentiment;
using CareBot.Care.Triage.Vader;
using CareBot.Triage.Training.Corpus;
using CareBot.Triage.Training.Distillation;

namespace CareBot.Triage.Training;

/// <summary>
/// The one command that retrains: writes the corpus, measures the model on each group it was not trained on (leave one
/// group out: a template industry or an industry group of the written messages), picks the decision thresholds on the
/// written messages' held-out predictions, trains on everything and writes the model file and its data card with the
/// figures.
/// </summary>
internal static class Training
{
    public const int Seed = 20261203;
    public const int PerIndustry = 900;

    /// <summary>Urgent messages per industry, written after the others: about a tenth of the corpus, as in a care inbox.</summary>
    public const int UrgentPerIndustry = 110;

    /// <summary>Messages per industry that look urgent but are not (past trouble, "on hold" alone, plans days away, anger).</summary>
    public const int LookAlikesPerIndustry = 140;

    private static readonly double[] Thresholds = [.. Enumerable.Range(6, 15).Select(i => i * 0.05)];

    /// <summary>
    /// The complaint threshold (maximising F1) and then the praise threshold (maximising F0.5, praise never with a
    /// complaint) on held-out predictions. Praise is answered with a public thank-you and no private chat: thanking a
    /// customer who complained is the careless public answer, worse than a plain reply to praise.
    /// </summary>
    public static (double Complaint, double Praise) ChooseThresholds(IReadOnlyCollection<Example> examples, Func<Example, bool> cue, Func<Example, double> complaint, Func<Example, double> praise)
    {
        var complaintThreshold = Thresholds.MaxBy(t => Score.Of(examples, e => e.Complaint, e => cue(e) || complaint(e) >= t).F1);
        var praiseThreshold = Thresholds.MaxBy(t => Score.Of(examples, e => e.Praise, e => !(cue(e) || complaint(e) >= complaintThreshold) && praise(e) >= t).F05);
        return (complaintThreshold, praiseThreshold);
    }

    /// <summary>A model whose heads never fire: triage with it is the cue file alone.</summary>
    public static CareModel SilentModel() =>
        CareModel.Parse(new StringReader("heads\tcomplaint\tpraise\turgency\nthreshold\t2\t2\t2\n"), "silent");

    /// <summary>
    /// What the cue file alone says of each example, read as triage reads a message (HTML character references decoded
    /// before VADER): the cue flags that decide beside a model's held-out probabilities.
    /// </summary>
    public static Dictionary<Example, TriageResult> CuesAlone(TriageCues cues, IEnumerable<Example> examples)
    {
        var analyzer = new VaderSentimentAnalyzer();
        var cuesOnly = new TriageService(analyzer, cues, SilentModel());
        return examples.ToDictionary(e => e, e => cuesOnly.Triage(e.Text, analyzer.Analyze(ReadableText.Of(e.Text))));
    }

    /// <summary>
    /// The shipped recipe, but without some groups (template industries, written industry groups): how the model does
    /// on an industry it has never seen. Uses the shipped model's thresholds.
    /// </summary>
    public static CareModel ModelWithout(string root, params string[] groups)
    {
        var scorer = new VaderScorer();
        var labelled = ReadCorpus(root, scorer).Concat(WrittenCorpus.Load(root, scorer)).Where(e => !groups.Contains(e.Group));
        var model = new LogisticRegression();
        model.Train([.. labelled, .. VaderCorpora.Load(root, scorer), .. DistilledLabels.Load(root, scorer)], Seed);
        var shipped = CareModel.Embedded;
        var file = model.ToModelFile([], [.. LogisticRegression.Heads.Select(shipped.Threshold)]);
        return CareModel.Parse(new StringReader(file), "without " + string.Join(", ", groups));
    }

    /// <summary>
    /// The committed corpus (care-corpus.tsv) as examples: industry, complaint, praise, question, urgent (1/0/- for
    /// unknown), set (care, or urgency: written for the urgency head only), text.
    /// </summary>
    public static IEnumerable<Example> ReadCorpus(string root, VaderScorer scorer) =>
        File.ReadLines(Repository.CorpusPath(root))
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split('\t', 7))
            .Select(f => new Example(f[6], scorer.Score(f[6]), f[1] == "1", f[2] == "1", f[3] == "1", f[0]) { Urgent = f[4] == "-" ? null : f[4] == "1", UrgencyOnly = f[5] == "urgency" });

    public static int Run(TextWriter output)
    {
        var root = Repository.Root();
        var corpus = new CorpusGenerator(Seed).Generate(PerIndustry, UrgentPerIndustry, LookAlikesPerIndustry);
        WriteCorpus(Repository.CorpusPath(root), corpus);
        output.WriteLine($"corpus: {corpus.Count} messages → {Path.GetRelativePath(root, Repository.CorpusPath(root))}");

        var scorer = new VaderScorer();
        var own = corpus.Select(m => new Example(m.Text, scorer.Score(m.Text), m.Complaint, m.Praise, m.Question, m.Industry) { Urgent = m.Urgent, UrgencyOnly = m.UrgencyOnly }).ToList();
        var written = WrittenCorpus.Load(root, scorer);
        List<Example> labelled = [.. own, .. written];
        var vader = VaderCorpora.Load(root, scorer);
        var distilled = DistilledLabels.Load(root, scorer);
        var cueResults = CuesAlone(TriageCueLoader.LoadFile(Repository.CuesPath(root)), labelled);
        var cueComplaint = cueResults.ToDictionary(p => p.Key, p => p.Value.Complaint.Detected);
        var cueUrgency = cueResults.ToDictionary(p => p.Key, p => p.Value.Urgency.Detected);

        // Leave one group out: every template industry and every industry group of the written messages (all its writers)
        // gets its predictions from a model that never saw it.
        var heldOut = new Dictionary<Example, double[]>();
        foreach (var group in labelled.Select(e => e.Group).Distinct())
        {
            var model = new LogisticRegression();
            model.Train([.. labelled.Where(e => e.Group != group), .. vader, .. distilled], Seed);
            foreach (var example in labelled.Where(e => e.Group == group))
            {
                heldOut[example] = [.. LogisticRegression.Heads.Select((_, h) => model.Probability(example.Text, example.Vader, h))];
            }

            output.WriteLine($"held out {group}");
        }

        // Thresholds are chosen on the written messages held out: templates reuse their phrasing across industries, so
        // their held-out probabilities are surer than a new writer's (real complaints scored lower than ours).
        var (complaintThreshold, praiseThreshold) = ChooseThresholds(written, e => cueComplaint[e], e => heldOut[e][0], e => heldOut[e][1]);
        bool Complaint(Example e, double t) => cueComplaint[e] || heldOut[e][0] >= t;
        bool Praise(Example e, double t) => !Complaint(e, complaintThreshold) && heldOut[e][1] >= t;
        output.WriteLine("complaint F1 (written, held out, pooled) by threshold: " + string.Join(", ", Thresholds.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t:0.00} {Score.Of(written, e => e.Complaint, e => Complaint(e, t)).F1:0.0000}"))));
        output.WriteLine("praise F1 / F0.5 (written, held out, pooled) by threshold: " + string.Join(", ", Thresholds.Select(t => Score.Of(written, e => e.Praise, e => Praise(e, t))).Select((s, i) => string.Create(CultureInfo.InvariantCulture, $"{Thresholds[i]:0.00} {s.F1:0.0000}/{s.F05:0.0000}"))));
        bool Urgency(Example e, double t) => cueUrgency[e] || heldOut[e][2] >= t;
        var urgencyLabelled = written.Where(e => e.Urgent is not null).ToList();
        // Urgency raises a case's priority: every false alarm pushes a calm customer ahead of others in the queue, so its
        // threshold maximises F0.5 (precision counts twice), not F1.
        var urgencyThreshold = Thresholds.MaxBy(t => Score.Of(urgencyLabelled, e => e.Urgent == true, e => Urgency(e, t)).F05);
        output.WriteLine("urgency F1 / F0.5 (held out, pooled) by threshold: " + string.Join(", ", Thresholds.Select(t => Score.Of(urgencyLabelled, e => e.Urgent == true, e => Urgency(e, t))).Select((s, i) => string.Create(CultureInfo.InvariantCulture, $"{Thresholds[i]:0.00} {s.F1:0.0000}/{s.F05:0.0000}"))));

        var card = new StringBuilder();
        card.AppendLine("# Care model: data card and figures");
        card.AppendLine();
        card.AppendLine("Written by `dotnet run -c Release --project tests/CareBot.Triage.Training -- train`; do not edit by hand.");
        card.AppendLine();
        card.AppendLine("## Training data");
        card.AppendLine();
        card.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- `tests/CareBot.Triage.Training/Corpus/care-corpus.tsv`: {own.Count} customer messages written for this project by a seeded template generator (`Corpus/CorpusGenerator.cs`, seed {Seed}), {PerIndustry} per industry ({string.Join(", ", Industries.All.Select(i => i.Name))}) and then {UrgentPerIndustry} urgent messages and {LookAlikesPerIndustry} urgent-looking ones that are not urgent per industry (`Corpus/CorpusGenerator.Urgency.cs`, `Corpus/UrgentSituations.cs`; this urgency set teaches the urgency head only, so the complaint and praise heads learn from the same messages as before it existed). Complaints (angry, plain facts with no complaint word, sarcastic, non-native English, asked as questions), praise, calm questions, questions about problems that are not complaints, and neutral news; urgent messages (stranded or waiting now, a departure, event or deadline within hours at risk, safety, health, heat, power, money to live on; asking to hurry, non-native English, short forms), and hard negatives (the same trouble told afterwards, \"on hold\" alone, plans days or weeks away, \"RIGHT NOW\" as anger, trouble already over); restyled as people type (lower case, ALL CAPS, typos, textisms, stretched letters, emoji, hashtags, @handles, links). Brands are invented. Labels come from the template, so they are exact for what the templates mean, but the corpus is only as varied as its templates."));
        card.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {own.Count(e => e.Complaint)} complaints, {own.Count(e => e.Praise)} praise, {own.Count(e => e.Question)} questions, {own.Count(e => !e.Complaint && !e.Praise)} neither; {own.Count(e => e.Urgent == true)} urgent ({100.0 * own.Count(e => e.Urgent == true) / own.Count:0.0}%), {own.Count(e => e.Urgent == true && e.Complaint)} of them complaints too; {own.Count(e => e.Urgent is null)} complaints of the first templates (angry, plain and generic ones, written before urgency was learned) have no urgency label: they may be happening now or long over, so the urgency head does not learn from them."));
        card.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- `tests/CareBot.Triage.Training/Corpus/Written/*.tsv`: {written.Count} messages written one at a time for this project, not from templates: one or two files per industry group ({string.Join(", ", written.Select(e => e.Group[WrittenCorpus.GroupPrefix.Length..]).Distinct())}), each file by a different writer, as tweets and replies to a brand's handle, comments under its posts and chat messages; labelled complaint (any dissatisfaction with the brand, with or without negative words), praise (any positive feeling toward it, plain thanks included) or neutral, and urgent. {written.Count(e => e.Complaint)} complaints, {written.Count(e => e.Praise)} praise, {written.Count(e => !e.Complaint && !e.Praise)} neutral; {written.Count(e => e.Urgent == true)} urgent. Brands are invented."));
        card.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- VADER's MIT ground-truth corpora (Hutto & Gilbert 2014; `tests/CareBot.Care.Tests/Triage/Data`): real tweets and Amazon review snippets; mean human rating ≤ -0.75 → complaint, ≥ 0.75 → praise, within ±0.25 → neither, the rest left out: {vader.Count} texts ({vader.Count(e => e.Complaint)} complaints, {vader.Count(e => e.Praise)} praise). They have no urgency label, so the urgency head does not see them."));
        card.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- Distillation (`Distillation/distilled-labels.tsv`, written by `-- distill`): the other {distilled.Count} texts of VADER's MIT corpora (tweets and Amazon snippets with an unclear mean rating, every movie-review and New York Times editorial snippet), labelled with the complaint probability of the frozen MiniLM embedding head (`Distillation/frozen-embedding-head.tsv`, on the package's own encoder; triage's stage uses the fine-tuned one). The complaint head learns that probability as a soft target, each such text weighing {LogisticRegression.DistilledWeight:0.##} of a labelled one; the praise and urgency heads do not see them. {distilled.Count(e => e.Distilled >= 0.5)} have a probability of 0.5 or more."));
        card.AppendLine("- Nothing else. In particular not `airline-dev.tsv` (evaluation only, non-commercial licence): it is never read by training.");
        card.AppendLine();
        card.AppendLine("## Model");
        card.AppendLine();
        card.AppendLine("Logistic regression (AdaGrad, L2, balanced classes; `LogisticRegression.cs`) over `TextFeatures`: words, word pairs, character trigrams of words, VADER neg/pos/compound, '?' and '!'. Three heads: complaint, praise and urgency. Triage fires complaint when a cue of `dialogs/settings/triage.yaml` matches **or** the complaint head reaches its threshold (where its probability is in the MiniLM stage's band and the message has three words or more, the MiniLM embedding head decides instead; `care-embedding-head.md`, on by default); praise when the praise head reaches its threshold and there is no complaint; urgency when an urgency cue matches, or, with `Triage:UrgencyModel` on (off by default), also when the urgency head reaches its threshold. The urgency head learns only from the own corpus (VADER's corpora and the distilled texts have no urgency label). Question and language are rules (`QuestionRule`, `LanguageIdentifier`), not learned.");
        card.AppendLine();
        card.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Thresholds, chosen on the pooled held-out predictions of the written messages below (never on airline-dev.tsv; templates reuse their phrasing across industries, so their held-out probabilities are surer than a new writer's): complaint maximises F1; praise and urgency maximise F0.5, as a false alarm costs more than a miss (a thank-you to a customer who complained, a calm message pushed up the queue). Complaint **{complaintThreshold:0.00}**, praise **{praiseThreshold:0.00}**, urgency **{urgencyThreshold:0.00}**."));
        card.AppendLine();
        card.AppendLine("## Complaint share (`Triage:ComplaintShare`)");
        card.AppendLine();
        card.AppendLine(string.Create(CultureInfo.InvariantCulture, $"The written messages the threshold is chosen on are {written.Count(e => e.Complaint) / (double)written.Count:0.00} complaints ({CareModel.TrainedComplaintShare:0.0} assumed). Where a deployment's share differs, triage moves the complaint threshold by Bayes' rule on the odds. The same held-out predictions, at each share's threshold:"));
        card.AppendLine();
        card.AppendLine("| complaint share | threshold | written public messages, held out: P | R | F1 | private chats, held out: P | R | F1 |");
        card.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var share in new[] { 0.3, 0.4, 0.5, 0.6, 0.7 })
        {
            var threshold = CareModel.ComplaintThresholdFor(complaintThreshold, share);
            var posts = Score.Of(written.Where(e => e.Group != WrittenCorpus.ChatGroup), e => e.Complaint, e => Complaint(e, threshold));
            var chats = Score.Of(written.Where(e => e.Group == WrittenCorpus.ChatGroup), e => e.Complaint, e => Complaint(e, threshold));
            card.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {share:0.0} | {threshold:0.00} | {posts.Precision:0.00} | {posts.Recall:0.00} | {posts.F1:0.000} | {chats.Precision:0.00} | {chats.Recall:0.00} | {chats.F1:0.000} |"));
        }

        card.AppendLine();
        card.AppendLine("## Held-out figures (own corpus, leave one group out)");
        card.AppendLine();
        card.AppendLine("Each row: the model trained on everything except that group (a template industry, or one industry group of the written messages, all its writers), plus the VADER corpora and the distilled texts, tested on that group. The template rows measure generalisation across industries and templates' words, not across writers. The written rows are by other writers than the training's written messages of other groups, but all were written for this project from one brief, so they are still not real customers: the real-words figures in the README are the ones to trust. Thresholds were chosen on the pooled written predictions, which flatters those rows slightly. Complaint and praise figures count the care set only (the template urgency set does not teach those heads); urgency figures count only the messages with an urgency label.");
        card.AppendLine();
        card.AppendLine("| industry | messages | complaint P | R | F1 | cues alone F1 | VADER alone F1 | praise P | R | F1 | urgent | urgency P | R | F1 | urgency cues alone P | R |");
        card.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        var groups = own.GroupBy(e => e.Group).Append(own.GroupBy(_ => "templates (pooled)").Single())
            .Concat(written.GroupBy(e => e.Group)).Append(written.GroupBy(_ => "written (pooled)").Single());
        foreach (var group in groups)
        {
            var complaint = Score.Of(group.Where(e => !e.UrgencyOnly), e => e.Complaint, e => Complaint(e, complaintThreshold));
            var cuesAlone = Score.Of(group.Where(e => !e.UrgencyOnly), e => e.Complaint, e => cueComplaint[e]);
            var vaderAlone = Score.Of(group.Where(e => !e.UrgencyOnly), e => e.Complaint, e => e.Vader.Compound <= -0.05);
            var praise = Score.Of(group.Where(e => !e.UrgencyOnly), e => e.Praise, e => !Complaint(e, complaintThreshold) && heldOut[e][1] >= praiseThreshold);
            var urgency = Score.Of(group.Where(e => e.Urgent is not null), e => e.Urgent == true, e => Urgency(e, urgencyThreshold));
            var urgencyCues = Score.Of(group.Where(e => e.Urgent is not null), e => e.Urgent == true, e => cueUrgency[e]);
            card.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} | {complaint.Precision:0.00} | {complaint.Recall:0.00} | {complaint.F1:0.00} | {cuesAlone.F1:0.00} | {vaderAlone.F1:0.00} | {praise.Precision:0.00} | {praise.Recall:0.00} | {praise.F1:0.00} | {urgency.Positives} | {urgency.Precision:0.00} | {urgency.Recall:0.00} | {urgency.F1:0.00} | {urgencyCues.Precision:0.00} | {urgencyCues.Recall:0.00} |"));
        }

        var final = new LogisticRegression();
        final.Train([.. labelled, .. vader, .. distilled], Seed);
        card.AppendLine();
        card.AppendLine("## Heaviest words of the shipped model");
        card.AppendLine();
        for (var h = 0; h < LogisticRegression.Heads.Length; h++)
        {
            card.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- {LogisticRegression.Heads[h]}, for: {string.Join(", ", final.Top(h, 15, positive: true).Select(p => $"`{p.Key[2..]}` {p.Weight:+0.00;-0.00}"))}"));
            card.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- {LogisticRegression.Heads[h]}, against: {string.Join(", ", final.Top(h, 10, positive: false).Select(p => $"`{p.Key[2..]}` {p.Weight:+0.00;-0.00}"))}"));
        }

        var header = new[]
        {
            "CareBot care model: logistic regression over TextFeatures, heads complaint, praise and urgency.",
            "Written by: dotnet run -c Release --project tests/CareBot.Triage.Training -- train (do not edit by hand).",
            "Trained on the project's own corpus and VADER's MIT corpora; see care-model.md beside this file.",
        };
        File.WriteAllText(Repository.ModelPath(root), final.ToModelFile(header, [complaintThreshold, praiseThreshold, urgencyThreshold]));
        File.WriteAllText(Repository.DataCardPath(root), card.ToString());
        output.WriteLine(card.ToString());
        return 0;
    }

    private static void WriteCorpus(string path, List<CorpusMessage> corpus)
    {
        var text = new StringBuilder();
        text.AppendLine("# CareBot triage training corpus: messages written for this project (see src/CareBot.Care/Triage/Model/care-model.md).");
        text.AppendLine("# Written by: dotnet run -c Release --project tests/CareBot.Triage.Training -- train. Columns: industry, complaint, praise, question (1/0), urgent (1/0, - unknown), set (care; urgency: for the urgency head only), text.");
        foreach (var m in corpus)
        {
            text.Append(m.Industry).Append('\t').Append(m.Complaint ? '1' : '0').Append('\t').Append(m.Praise ? '1' : '0').Append('\t')
                .Append(m.Question ? '1' : '0').Append('\t').Append(m.Urgent switch { true => '1', false => '0', null => '-' }).Append('\t').Append(m.UrgencyOnly ? "urgency" : "care").Append('\t').AppendLine(m.Text);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ToString());
    }
}
