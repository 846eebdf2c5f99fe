namespace CareBot.Triage.Training.Distillation;

/// <summary>A text of VADER's MIT corpora that training has no human label for, named by its corpus and row id.</summary>
internal sealed record UnlabelledText(string Corpus, string Id, string Text);
