namespace CareBot.Dialogs.Validation;

/// <summary>Thrown when scripts with errors would go live; carries every diagnostic.</summary>
public sealed class ScriptValidationException : Exception
{
    /// <summary>Creates the exception from the diagnostics (the message lists the errors).</summary>
    public ScriptValidationException(IReadOnlyList<Diagnostic> diagnostics)
        : base(BuildMessage(diagnostics)) => Diagnostics = diagnostics;

    /// <summary>Creates an exception without diagnostics (for serializers and tooling).</summary>
    public ScriptValidationException()
        : this([])
    {
    }

    /// <summary>Creates an exception with a plain message.</summary>
    public ScriptValidationException(string message)
        : base(message) => Diagnostics = [];

    /// <summary>Creates an exception with a plain message and a cause.</summary>
    public ScriptValidationException(string message, Exception innerException)
        : base(message, innerException) => Diagnostics = [];

    /// <summary>Every problem found, errors and warnings.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string BuildMessage(IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.Count == 0
            ? "The dialog scripts are invalid."
            : $"The dialog scripts have {diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)} error(s):"
              + Environment.NewLine + string.Join(Environment.NewLine, diagnostics);
}
