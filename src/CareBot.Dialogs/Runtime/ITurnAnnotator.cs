namespace CareBot.Dialogs.Runtime;

/// <summary>Triage as the dialog tools see it: text to annotations. The host plugs in the Care triage.</summary>
public interface ITurnAnnotator
{
    /// <summary>Annotates one customer message.</summary>
    ValueTask<TriageAnnotations> AnnotateAsync(string text, CancellationToken cancellationToken);
}
