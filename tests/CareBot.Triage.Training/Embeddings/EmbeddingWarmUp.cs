using CareBot.Care.Triage.Vader;

namespace CareBot.Triage.Training.Embeddings;

/// <summary>Fills the embedding cache with every text the embedding experiment reads (own corpus, VADER, an evaluation file).</summary>
internal static class EmbeddingWarmUp
{
    public static int Run(string? evaluationFile, TextWriter output)
    {
        var root = Repository.Root();
        var scorer = new VaderScorer();
        // Evaluation texts first, then the training texts from the end: a second run started beside a first one
        // (with CAREBOT_EMBEDDING_CACHE set to another file) works from the other end.
        var texts = evaluationFile is null ? [] : AirlineDevSet.Load(evaluationFile).Tweets.Select(t => t.Text).ToList();
        var training = File.ReadLines(Repository.CorpusPath(root)).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t', 7)[6]).ToList();
        training.AddRange(VaderCorpora.Load(root, scorer).Select(e => e.Text));
        training.Reverse();
        texts.AddRange(training);

        using var cache = new EmbeddingCache(EmbeddingCache.DefaultPath(root));
        cache.Embed(texts, output);
        output.WriteLine($"{texts.Count} texts embedded");
        return 0;
    }
}
