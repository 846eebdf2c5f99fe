using CareBot.Triage.Training;
using static TorchSharp.torch;

namespace CareBot.Triage.FineTuning;

/// <summary>One labelled message: its tokens, whether it is held out, and its lower layers' output once computed.</summary>
internal sealed class Item(Example example, long[] tokens, bool heldOut)
{
    public Example Example { get; } = example;

    public long[] Tokens { get; } = tokens;

    public bool HeldOut { get; } = heldOut;

    /// <summary>The frozen lower layers' output, [tokens, 384].</summary>
    public Tensor Lower { get; set; } = null!;

    /// <summary>Token ids and attention mask of a batch, padded to its longest message.</summary>
    public static (Tensor Ids, Tensor Mask) Batch(IReadOnlyList<Item> batch)
    {
        var tokens = batch.Max(i => i.Tokens.Length);
        var ids = new long[batch.Count * tokens];
        var mask = new long[batch.Count * tokens];
        for (var r = 0; r < batch.Count; r++)
        {
            batch[r].Tokens.CopyTo(ids, r * tokens);
            Array.Fill(mask, 1L, r * tokens, batch[r].Tokens.Length);
        }

        return (tensor(ids, [batch.Count, tokens]), tensor(mask, [batch.Count, tokens]));
    }
}
