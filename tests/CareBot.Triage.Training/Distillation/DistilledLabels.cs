using System.Globalization;
using System.Text;
using CareBot.Care.Triage.Vader;
using CareBot.Triage.Training.Embeddings;

namespace CareBot.Triage.Training.Distillation;

/// <summary>
/// Distillation labels: the complaint probability the frozen MiniLM head (frozen-embedding-head.tsv, on the package's
/// own encoder; written by <c>embeddings</c>) gives each
/// unlabelled MIT text of <see cref="UnlabelledCorpora"/>. <c>distill</c> computes them (minutes: MiniLM on one
/// thread) and writes <c>distilled-labels.tsv</c> beside this file (corpus, row id, probability; no text), so
/// <c>train</c> reads them in seconds and anyone can check or rebuild them.
/// </summary>
internal static class DistilledLabels
{
    public static string Path(string root) =>
        System.IO.Path.Combine(root, "tests", "CareBot.Triage.Training", "Distillation", "distilled-labels.tsv");

    public static int Write(TextWriter output)
    {
        var root = Repository.Root();
        var texts = UnlabelledCorpora.Load(root);
        using var cache = new EmbeddingCache(EmbeddingCache.DefaultPath(root));
        var vectors = cache.Embed([.. texts.Select(t => t.Text)], output);
        Care.Embeddings.EmbeddingHead head;
        using (var reader = File.OpenText(Repository.FrozenHeadPath(root)))
        {
            head = Care.Embeddings.EmbeddingHead.Read(reader);
        }

        var file = new StringBuilder();
        file.AppendLine("# Complaint probability of the frozen MiniLM head (tests/CareBot.Triage.Training/Distillation/frozen-embedding-head.tsv) for the unlabelled texts of VADER's MIT corpora.");
        file.AppendLine("# Written by: dotnet run -c Release --project tests/CareBot.Triage.Training -- distill. Columns: corpus, row id, probability.");
        for (var i = 0; i < texts.Count; i++)
        {
            file.Append(texts[i].Corpus).Append('\t').Append(texts[i].Id).Append('\t')
                .AppendLine(head.Probability(vectors[i]).ToString("0.00", CultureInfo.InvariantCulture));
        }

        File.WriteAllText(Path(root), file.ToString());
        output.WriteLine($"{texts.Count} texts labelled → {System.IO.Path.GetRelativePath(root, Path(root))}");
        return 0;
    }

    /// <summary>The distilled examples for training: the complaint head learns the MiniLM probability, the praise head skips them.</summary>
    public static List<Example> Load(string root, VaderScorer scorer)
    {
        var path = Path(root);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No distillation labels at '{path}': run 'dotnet run -c Release --project tests/CareBot.Triage.Training -- distill' first.", path);
        }

        var text = UnlabelledCorpora.Load(root).ToDictionary(t => (t.Corpus, t.Id), t => t.Text);
        var examples = new List<Example>();
        foreach (var line in File.ReadLines(path).Where(l => !l.StartsWith('#')))
        {
            var f = line.Split('\t');
            var probability = double.Parse(f[2], CultureInfo.InvariantCulture);
            var t = text[(f[0], f[1])];
            examples.Add(new Example(t, scorer.Score(t), probability >= 0.5, false, false, "distilled-" + f[0]) { Distilled = probability });
        }

        return examples;
    }
}
