namespace CareBot.Triage.Training.Corpus;

/// <summary>One written customer message of the training corpus with its labels; <see cref="Urgent"/> is null where its template cannot tell.</summary>
internal sealed record CorpusMessage(string Industry, bool Complaint, bool Praise, bool Question, bool? Urgent, string Text);
