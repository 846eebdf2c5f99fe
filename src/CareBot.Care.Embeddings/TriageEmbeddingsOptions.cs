namespace CareBot.Care.Embeddings;

/// <summary>
/// Options of the MiniLM second stage of triage, bound from section <c>Triage:Embeddings</c>. On by default: on real
/// customers' words the embedding head finds complaints the care model scores low (README, "Quality on real words").
/// MiniLM costs milliseconds per message where the care model costs microseconds, so it runs only where the care model
/// is unsure and has not called the message a complaint (about one message in seven of real tweets).
/// </summary>
public sealed class TriageEmbeddingsOptions
{
    public const string SectionName = "Triage:Embeddings";

    /// <summary>
    /// When true, messages with no complaint cue whose care-model complaint probability is in
    /// [<see cref="UnsureFrom"/>, <see cref="UnsureTo"/>) are embedded with MiniLM and the embedding head decides.
    /// Default true. When false, the MiniLM package is never loaded (≈ 300 MB less per instance).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Lower end (inclusive) of the band where the care model is unsure. Default: the head file's, 0.05 (chosen on real customers' words).</summary>
    public double? UnsureFrom { get; set; }

    /// <summary>Upper end (exclusive) of the band where the care model is unsure. Default: the head file's, 0.40, the care model's default threshold: the head only finds complaints the care model missed, and never overrules one it found.</summary>
    public double? UnsureTo { get; set; }

    /// <summary>Head probability at or above which a message in the band is a complaint. Default: the head file's (0.30 since 2026-12-07; chosen on held-out messages of the fine-tuning data, see care-embedding-head.md).</summary>
    public double? Threshold { get; set; }

    /// <summary>Why the options cannot be used, or null when they can.</summary>
    public string? Problem(EmbeddingHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        var from = UnsureFrom ?? head.UnsureFrom;
        var to = UnsureTo ?? head.UnsureTo;
        var threshold = Threshold ?? head.Threshold;
        if (from is < 0 or > 1 || to is < 0 or > 1.01 || from >= to)
        {
            return $"Triage:Embeddings:UnsureFrom ({from}) and UnsureTo ({to}) must satisfy 0 <= UnsureFrom < UnsureTo <= 1.01.";
        }

        return threshold is <= 0 or >= 1 ? $"Triage:Embeddings:Threshold ({threshold}) must be between 0 and 1 (exclusive)." : null;
    }
}
