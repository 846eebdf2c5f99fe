using CareBot.Care.Embeddings;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CareBot.Triage.FineTuning;

/// <summary>
/// all-MiniLM-L6-v2 in TorchSharp, its weights read from the package's ONNX model (a BERT encoder: 6 layers, 384
/// wide, 12 heads of 32, GELU, layer norm ε 1e-12). Its output matches ONNX Runtime's (checked after training by
/// <see cref="Program"/>). Only what fine-tuning needs: the embeddings and the layers, each callable on its own.
/// </summary>
internal sealed class MiniLmLayers
{
    public const int Width = 384;
    public const int LayerCount = 6;

    private readonly Tensor word;
    private readonly Tensor position;
    private readonly Tensor tokenType;
    private readonly Tensor normWeight;
    private readonly Tensor normBias;

    private MiniLmLayers(Func<string, Tensor> tensor)
    {
        word = tensor("embeddings.word_embeddings.weight");
        position = tensor("embeddings.position_embeddings.weight");
        tokenType = tensor("embeddings.token_type_embeddings.weight");
        normWeight = tensor("embeddings.LayerNorm.weight");
        normBias = tensor("embeddings.LayerNorm.bias");
        Layers = [.. Enumerable.Range(0, LayerCount).Select(i => new Layer(i, tensor))];
    }

    public IReadOnlyList<Layer> Layers { get; }

    public static MiniLmLayers FromOnnx(byte[] model)
    {
        var found = OnnxInitializers.RawData(model);
        return new MiniLmLayers(name =>
        {
            if (!found.TryGetValue(name, out var place))
            {
                throw new InvalidDataException($"The MiniLM model has no initializer '{name}'.");
            }

            return tensor(place.Floats(model), place.Dims);
        });
    }

    /// <summary>Token, position and (single) segment embeddings, normalised: [batch, tokens, 384].</summary>
    public Tensor Embed(Tensor ids)
    {
        var tokens = ids.shape[1];
        var x = word.index_select(0, ids.flatten()).view(ids.shape[0], tokens, Width) + position.narrow(0, 0, tokens).unsqueeze(0) + tokenType[0];
        return F.layer_norm(x, [Width], normWeight, normBias, 1e-12);
    }

    /// <summary>An additive attention mask: 0 for tokens, a large negative number for padding.</summary>
    public static Tensor AttentionMask(Tensor mask) =>
        ((1 - mask.to_type(ScalarType.Float32)) * -1e4f).view(mask.shape[0], 1, 1, mask.shape[1]);

    /// <summary>Mean over the tokens that are not padding.</summary>
    public static Tensor MeanPool(Tensor x, Tensor mask)
    {
        var m = mask.to_type(ScalarType.Float32).unsqueeze(-1);
        return (x * m).sum(1) / m.sum(1).clamp_min(1e-9);
    }

    /// <summary>
    /// One encoder layer. The package's ONNX export keeps the attention and feed-forward matrices under numbers, not
    /// names (MatMul inputs, already transposed to [in, out]): for layer i, 927 + 13i is the query, +1 the key, +4 the
    /// value, +10 the attention output, +11 the feed-forward in and +12 out. A wrong guess would show as a mismatch with
    /// ONNX Runtime after training, and the tool stops.
    /// </summary>
    internal sealed class Layer
    {
        private readonly (string Name, Tensor Value)[] parameters;

        public Layer(int index, Func<string, Tensor> tensor)
        {
            var prefix = $"encoder.layer.{index}.";
            var number = 927 + (13 * index);
            string[] names =
            [
                $"{number}", prefix + "attention.self.query.bias", $"{number + 1}", prefix + "attention.self.key.bias",
                $"{number + 4}", prefix + "attention.self.value.bias", $"{number + 10}", prefix + "attention.output.dense.bias",
                prefix + "attention.output.LayerNorm.weight", prefix + "attention.output.LayerNorm.bias",
                $"{number + 11}", prefix + "intermediate.dense.bias", $"{number + 12}", prefix + "output.dense.bias",
                prefix + "output.LayerNorm.weight", prefix + "output.LayerNorm.bias",
            ];
            parameters = [.. names.Select(n => (n, tensor(n)))];
        }

        /// <summary>The layer's tensors by ONNX initializer name (what <see cref="FineTunedLayers"/> writes).</summary>
        public IReadOnlyList<(string Name, Tensor Value)> Named => parameters;

        /// <summary>Makes the layer's tensors trainable and returns them.</summary>
        public List<Parameter> Train()
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = new Parameter(parameters[i].Value.detach().clone());
            }

            return [.. parameters.Select(p => (Parameter)p.Value)];
        }

        public Tensor Forward(Tensor x, Tensor attentionMask, double dropout, bool training)
        {
            var p = parameters.Select(n => n.Value).ToArray();
            long batch = x.shape[0], tokens = x.shape[1];
            Tensor Heads(Tensor t) => t.view(batch, tokens, 12, 32).transpose(1, 2);
            var query = Heads(x.matmul(p[0]) + p[1]);
            var key = Heads(x.matmul(p[2]) + p[3]);
            var value = Heads(x.matmul(p[4]) + p[5]);
            var attention = F.dropout((query.matmul(key.transpose(2, 3)) / Math.Sqrt(32) + attentionMask).softmax(-1), dropout, training);
            var context = attention.matmul(value).transpose(1, 2).reshape(batch, tokens, Width);
            x = F.layer_norm(x + F.dropout(context.matmul(p[6]) + p[7], dropout, training), [Width], p[8], p[9], 1e-12);
            var inner = F.gelu(x.matmul(p[10]) + p[11]);
            return F.layer_norm(x + F.dropout(inner.matmul(p[12]) + p[13], dropout, training), [Width], p[14], p[15], 1e-12);
        }
    }
}
