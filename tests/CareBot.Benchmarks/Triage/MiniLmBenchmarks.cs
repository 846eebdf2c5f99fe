using BenchmarkDotNet.Attributes;
using CareBot.Care.Embeddings;
using Microsoft.ML.OnnxRuntime;

namespace CareBot.Benchmarks.Triage;

/// <summary>
/// One message through the fine-tuned MiniLM encoder of the second triage stage, on one ONNX Runtime thread as the
/// stage runs it: a greeting, a tweet-sized complaint, and 900 characters (cut to 128 tokens, as the stage cuts). Run:
/// dotnet run -c Release --project tests/CareBot.Benchmarks -- --filter '*MiniLmBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class MiniLmBenchmarks
{
    private const string Tweet = "@NorthRail the 8:15 to Leeds was cancelled again and nobody at the station could tell us why, third time this month";

    private static readonly string Long = string.Concat(Enumerable.Repeat("The replacement router you sent keeps dropping the connection every evening. ", 12))[..900];

    private SessionOptions options = null!;
    private CareEncoder encoder = null!;

    [GlobalSetup]
    public void Setup()
    {
        options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        encoder = CareEncoder.Load(options);
        encoder.Encode(Tweet, CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        encoder.Dispose();
        options.Dispose();
    }

    [Benchmark]
    public float[] EmbedGreeting() => encoder.Encode("hi", CancellationToken.None);

    [Benchmark]
    public float[] EmbedTweet() => encoder.Encode(Tweet, CancellationToken.None);

    [Benchmark]
    public float[] Embed900Characters() => encoder.Encode(Long, CancellationToken.None);
}
