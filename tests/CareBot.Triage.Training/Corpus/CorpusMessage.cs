namespace CareBot.Triage.Training.Corpus;

/// <summary>
/// One written customer message of the training corpus with its labels; <see cref="Urgent"/> is null where its template
/// cannot tell. <see cref="UrgencyOnly"/>: written for the urgency head (the second pass); the complaint and praise heads
/// do not learn from it, so adding urgency leaves them as they were.
/// </summary>
internal sealed record CorpusMessage(string Industry, bool Complaint, bool Praise, bool Question, bool? Urgent, string Text)
{
    public bool UrgencyOnly { get; init; }
}
