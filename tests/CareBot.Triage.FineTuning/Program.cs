using System.Diagnostics;
using System.Globalization;
using System.Text;
using CareBot.Care.Embeddings;
using CareBot.Care.Triage.Vader;
using CareBot.Triage.FineTuning;
using CareBot.Triage.Training;
using CareBot.Triage.Training.Corpus;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

// dotnet run -c Release --project tests/CareBot.Triage.FineTuning
// Fine-tunes MiniLM's top two layers and a complaint head on the care model's labelled data, and writes
// src/CareBot.Care/Triage/Model/care-minilm-layers.bin, care-embedding-head.tsv and its data card care-embedding-head.md.
// About 3 minutes on two cores. The same data and seed give the same files.
NativeLibraryFix.Apply(Console.Out);
torch.set_num_threads(Environment.ProcessorCount);
torch.manual_seed(Recipe.Seed);
var clock = Stopwatch.StartNew();
var root = Repository.Root();

// 1. The labelled data the care model's complaint head learns from: the template corpus, the written messages and
//    VADER's MIT corpora (not the distilled texts: their labels are the previous head's outputs); and the written
//    messages only the encoder learns from (sarcasm, questions that carry a problem). One in ten, drawn with the seed,
//    is held out to choose the threshold and to report on.
var scorer = new VaderScorer();
List<Example> labelled = [.. Training.ReadCorpus(root, scorer).Where(e => !e.UrgencyOnly), .. WrittenCorpus.LoadForEncoder(root, scorer), .. VaderCorpora.Load(root, scorer)];
var random = new Random(Recipe.Seed);
var items = labelled.Select(e => new Item(e, CareEncoder.Tokens(e.Text), random.NextDouble() < Recipe.HeldOutShare)).ToList();
var training = items.Where(i => !i.HeldOut).ToList();
var heldOut = items.Where(i => i.HeldOut).ToList();
Console.WriteLine($"{training.Count} messages to train on, {heldOut.Count} held out ({clock.Elapsed.TotalSeconds:0} s)");

// 2. The package's MiniLM. Its lower layers stay as they are, so their output is computed once.
var miniLm = MiniLmLayers.FromOnnx(CareEncoder.PackageModelBytes());
var frozen = MiniLmLayers.LayerCount - Recipe.TunedLayers;
using (no_grad())
{
    foreach (var batch in items.OrderBy(i => i.Tokens.Length).Chunk(64))
    {
        using var scope = NewDisposeScope();
        var (ids, mask) = Item.Batch(batch);
        var x = miniLm.Embed(ids);
        var attentionMask = MiniLmLayers.AttentionMask(mask);
        for (var layer = 0; layer < frozen; layer++)
        {
            x = miniLm.Layers[layer].Forward(x, attentionMask, 0, false);
        }

        for (var r = 0; r < batch.Length; r++)
        {
            batch[r].Lower = x[r].narrow(0, 0, batch[r].Tokens.Length).clone().DetachFromDisposeScope();
        }
    }
}

Console.WriteLine($"lower {frozen} layers computed ({clock.Elapsed.TotalSeconds:0} s)");

// 3. Train the top layers and a logistic head on the mean-pooled, unit-length output (×10, so the head's weights
//    need not be large), with dropout, classes balanced.
var tuned = miniLm.Layers.Skip(frozen).ToArray();
var layerParameters = tuned.SelectMany(l => l.Train()).ToList();
var headWeights = new TorchSharp.Modules.Parameter(zeros(MiniLmLayers.Width, 1));
var headBias = new TorchSharp.Modules.Parameter(zeros(1));
using var layerOptimizer = optim.AdamW(layerParameters, Recipe.LayerLearningRate, weight_decay: 0.01);
using var headOptimizer = optim.Adam([headWeights, headBias], Recipe.HeadLearningRate);
var positives = training.Count(i => i.Example.Complaint);
var positiveWeight = tensor(new[] { (float)(training.Count - positives) / positives });

Tensor Logits(IReadOnlyList<Item> batch, bool train)
{
    var tokens = batch.Max(i => i.Tokens.Length);
    var x = stack(batch.Select(i => F.pad(i.Lower, [0, 0, 0, tokens - i.Tokens.Length])).ToArray());
    var (_, mask) = Item.Batch(batch);
    var attentionMask = MiniLmLayers.AttentionMask(mask);
    foreach (var layer in tuned)
    {
        x = layer.Forward(x, attentionMask, Recipe.Dropout, train);
    }

    var pooled = MiniLmLayers.MeanPool(x, mask);
    pooled = pooled / pooled.norm(1, true) * Recipe.Scale;
    return (F.dropout(pooled, Recipe.Dropout, train).matmul(headWeights) + headBias).squeeze(1);
}

for (var epoch = 1; epoch <= Recipe.Epochs; epoch++)
{
    // Batches of similar length (less padding), in a seeded random order.
    var byLength = training.OrderBy(i => i.Tokens.Length + (random.NextDouble() * 4)).ToList();
    var batches = byLength.Chunk(Recipe.BatchSize).OrderBy(_ => random.Next()).ToList();
    var loss = 0.0;
    foreach (var batch in batches)
    {
        using var scope = NewDisposeScope();
        layerOptimizer.zero_grad();
        headOptimizer.zero_grad();
        var truth = tensor(batch.Select(i => i.Example.Complaint ? 1f : 0f).ToArray());
        var batchLoss = F.binary_cross_entropy_with_logits(Logits(batch, true), truth, pos_weights: positiveWeight);
        batchLoss.backward();
        layerOptimizer.step();
        headOptimizer.step();
        loss += batchLoss.item<float>();
    }

    Console.WriteLine($"epoch {epoch}: loss {loss / batches.Count:0.000} ({clock.Elapsed.TotalSeconds:0} s)");
}

// 4. The threshold: the best F1 on the held-out messages.
var probability = new Dictionary<Item, double>();
using (no_grad())
{
    foreach (var batch in heldOut.OrderBy(i => i.Tokens.Length).Chunk(64))
    {
        using var scope = NewDisposeScope();
        var p = Logits(batch, false).sigmoid().data<float>().ToArray();
        for (var r = 0; r < batch.Length; r++)
        {
            probability[batch[r]] = p[r];
        }
    }
}

var threshold = Recipe.Grid.MaxBy(t => Score.Of(heldOut, i => i.Example.Complaint, i => probability[i] >= t).F1);
var heldOutScore = Score.Of(heldOut, i => i.Example.Complaint, i => probability[i] >= threshold);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held out: complaint F1 {heldOutScore.F1:0.000} (P {heldOutScore.Precision:0.00}, R {heldOutScore.Recall:0.00}) at {threshold:0.00}"));

// 5. Write the layers, the head and the card; then load them as triage does (ONNX Runtime) and check that it agrees.
var layersPath = Repository.MiniLmLayersPath(root);
using (var file = File.Create(layersPath))
{
    FineTunedLayers.Write(file, [.. tuned.SelectMany(l => l.Named).Select(n => (n.Name, n.Value.detach().data<float>().ToArray()))]);
}

var weights = headWeights.detach().squeeze(1).data<float>().Select(w => w * Recipe.Scale).ToArray();
File.WriteAllText(Repository.EmbeddingHeadPath(root), Recipe.HeadFile(weights, headBias.item<float>(), threshold));
using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
FineTunedLayers written;
using (var file = File.OpenRead(layersPath))
{
    written = FineTunedLayers.Read(file, layersPath);
}

using var encoder = CareEncoder.Load(options, written);
EmbeddingHead head;
using (var file = File.OpenText(Repository.EmbeddingHeadPath(root)))
{
    head = EmbeddingHead.Read(file);
}

var largest = heldOut.Take(500).Max(i => Math.Abs(head.Probability(encoder.Encode(i.Example.Text, default)) - probability[i]));
if (largest > 0.02)
{
    Console.Error.WriteLine($"ONNX Runtime with the written layers disagrees with training by up to {largest:0.000}: the layer names do not match the model.");
    return 1;
}

File.WriteAllText(Repository.EmbeddingCardPath(root), Recipe.Card(training.Count, heldOut.Count, labelled, heldOutScore, threshold, largest));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote care-minilm-layers.bin, care-embedding-head.tsv and .md; ONNX Runtime agrees within {largest:0.0000} ({clock.Elapsed.TotalSeconds:0} s)"));
return 0;
