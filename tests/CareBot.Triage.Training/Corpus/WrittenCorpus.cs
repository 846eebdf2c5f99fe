using CareBot.Care.Triage.Vader;

namespace CareBot.Triage.Training.Corpus;

/// <summary>
/// Messages written one at a time for this project, not by the template generator (Corpus/Written/*.tsv, each file by a
/// different writer, one or two files per industry group): industry, label (complaint / praise / neutral), urgent
/// (1/0), text. Templates repeat their own phrasing across industries, so a model can look good on held-out templates
/// and still miss how people write. These vary more, but all were written from one brief: they are not real customers.
/// </summary>
internal static class WrittenCorpus
{
    public const string GroupPrefix = "written-";

    /// <summary>The group of the messages typed inside a private chat (chat.tsv), not posted in public.</summary>
    public const string ChatGroup = GroupPrefix + "chat";

    /// <summary>
    /// How much a written message counts against a template message in training. `-- mix` compares 1, 3 and 6 (and no
    /// template care messages at all) on the written messages held out by industry group: 6 had the best pooled F1 for
    /// complaint and praise, by a hair over 3 (figures in README, Triage).
    /// </summary>
    public const double Weight = 6;

    public static string Folder(string root) => Path.Combine(root, "tests", "CareBot.Triage.Training", "Corpus", "Written");

    /// <summary>
    /// Messages whose meaning is in their context, not their words: sarcasm, and questions that carry a problem. Only
    /// the fine-tuned encoder learns from them. The care model, a word model, learnt the wrong words from them (with
    /// them "yay i will catch my connection! :)" became a complaint and two script tests failed); the frozen head, the
    /// teacher of the care model's distilled labels, does not read them either, so those labels stay as they were.
    /// </summary>
    public static string EncoderOnlyFolder(string root) => Path.Combine(Folder(root), "EncoderOnly");

    /// <summary>
    /// Every written message the care model learns from, files in name order; a malformed line stops with its file and
    /// line number. A text that an earlier line already has (ignoring case) is skipped: writers given the same brief
    /// share a few short lines ("unbelievable"), and a copy in two files would be trained on in the fold that holds the
    /// other out.
    /// </summary>
    public static List<Example> Load(string root, VaderScorer scorer) => Load(root, scorer, [Folder(root)]);

    /// <summary>The same, then the messages of <see cref="EncoderOnlyFolder"/>: what the fine-tuned encoder learns from.</summary>
    public static List<Example> LoadForEncoder(string root, VaderScorer scorer) => Load(root, scorer, [Folder(root), EncoderOnlyFolder(root)]);

    private static List<Example> Load(string root, VaderScorer scorer, string[] folders)
    {
        var examples = new List<Example>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in folders.SelectMany(folder => Directory.GetFiles(folder, "*.tsv").Order(StringComparer.Ordinal)))
        {
            var number = 0;
            foreach (var line in File.ReadLines(path))
            {
                number++;
                var fields = line.TrimEnd('\r').Split('\t');
                if (fields.Length != 4 || fields[1] is not ("complaint" or "praise" or "neutral") || fields[2] is not ("0" or "1") || fields[3].Length == 0)
                {
                    throw new FormatException($"{Path.GetRelativePath(root, path)}:{number}: expected industry, complaint|praise|neutral, 0|1, text (tab-separated)");
                }

                var text = fields[3];
                if (!seen.Add(text.Trim()))
                {
                    continue;
                }

                examples.Add(new Example(text, scorer.Score(text), fields[1] == "complaint", fields[1] == "praise", text.Contains('?', StringComparison.Ordinal), GroupPrefix + fields[0])
                {
                    Urgent = fields[2] == "1",
                    Weight = Weight,
                });
            }
        }

        return examples;
    }
}
