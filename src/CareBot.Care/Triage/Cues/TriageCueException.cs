namespace CareBot.Care.Triage.Cues;

/// <summary>A cue file failed validation; it is not used. Carries every diagnostic found, not just the first.</summary>
public sealed class TriageCueException : Exception
{
    public TriageCueException(IReadOnlyList<TriageCueDiagnostic> diagnostics)
        : base(Describe(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    public TriageCueException()
        : this([])
    {
    }

    public TriageCueException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    public TriageCueException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    public IReadOnlyList<TriageCueDiagnostic> Diagnostics { get; }

    private static string Describe(IReadOnlyList<TriageCueDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        return diagnostics.Count == 0
            ? "The triage cue file is invalid."
            : $"The triage cue file is invalid ({diagnostics.Count} problem(s)):{Environment.NewLine}"
              + string.Join(Environment.NewLine, diagnostics);
    }
}
