namespace CareBot.Dialogs.Runtime;

/// <summary>An annotator that finds nothing: neutral, no signals, normal priority (tests state signals explicitly).</summary>
public sealed class NoSignalsAnnotator : ITurnAnnotator
{
    /// <summary>The shared instance.</summary>
    public static NoSignalsAnnotator Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<TriageAnnotations> AnnotateAsync(string text, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TriageAnnotations.None);
}
