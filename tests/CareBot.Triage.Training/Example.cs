using CareBot.Care.Triage.Vader;

namespace CareBot.Triage.Training;

/// <summary>
/// A labelled text to train or test on; <see cref="Group"/> is its industry or source corpus. A class, not a record:
/// two identical texts are still two examples.
/// </summary>
internal sealed class Example(string text, VaderScores vader, bool complaint, bool praise, bool question, string group)
{
    public string Text { get; } = text;

    public VaderScores Vader { get; } = vader;

    public bool Complaint { get; } = complaint;

    public bool Praise { get; } = praise;

    public bool Question { get; } = question;

    public string Group { get; } = group;

    /// <summary>
    /// For a distilled example, the frozen MiniLM head's complaint probability: the complaint head learns it as a soft target
    /// and the praise head skips the example. Null for a human- or template-labelled example.
    /// </summary>
    public double? Distilled { get; init; }

    /// <summary>
    /// Whether the message is urgent; null where the source has no urgency label (VADER's corpora, distilled texts):
    /// the urgency head skips such examples rather than learn that they are all calm.
    /// </summary>
    public bool? Urgent { get; init; }

    /// <summary>How much the example counts in training against a template message (1); see <see cref="Corpus.WrittenCorpus"/>.</summary>
    public double Weight { get; init; } = 1;

    /// <summary>Written for the urgency head only (the corpus's urgency set): the complaint and praise heads skip it.</summary>
    public bool UrgencyOnly { get; init; }
}
