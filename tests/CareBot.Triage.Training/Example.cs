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
}
