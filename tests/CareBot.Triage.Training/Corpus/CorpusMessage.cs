namespace CareBot.Triage.Training.Corpus;

/// <summary>One written customer message of the training corpus with its labels.</summary>
internal sealed record CorpusMessage(string Industry, bool Complaint, bool Praise, bool Question, string Text);
