using CareBot.Dialogs.Model;
using CareBot.Dialogs.Validation;

namespace CareBot.Dialogs.Loading;

/// <summary>Scripts read as one set, with every diagnostic. Only a set without errors may go live.</summary>
public sealed record ScriptSetResult(IReadOnlyList<DialogScript> Scripts, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether the set has no errors (warnings allowed).</summary>
    public bool IsValid => Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);

    /// <summary>The errors only.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Throws <see cref="ScriptValidationException"/> unless valid.</summary>
    public ScriptSetResult EnsureValid() => IsValid ? this : throw new ScriptValidationException(Diagnostics);
}
