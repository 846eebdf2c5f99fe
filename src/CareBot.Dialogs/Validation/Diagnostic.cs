using System.Globalization;
using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Validation;

/// <summary>One problem in a script, with where it is and how to fix it.</summary>
/// <param name="File">The script file.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Severity">Error (blocks going live) or warning.</param>
/// <param name="Code">A stable code such as DLG006, listed in <see cref="DiagnosticCodes"/>.</param>
/// <param name="Message">What is wrong, naming the offending value.</param>
/// <param name="Hint">What to do instead.</param>
public sealed record Diagnostic(
    string File,
    int Line,
    int Column,
    DiagnosticSeverity Severity,
    string Code,
    string Message,
    string Hint)
{
    /// <summary>Creates an error at a location.</summary>
    public static Diagnostic Error(SourceLocation at, string code, string message, string hint) =>
        new(at.File, at.Line, at.Column, DiagnosticSeverity.Error, code, message, hint);

    /// <summary>Creates a warning at a location.</summary>
    public static Diagnostic Warning(SourceLocation at, string code, string message, string hint) =>
        new(at.File, at.Line, at.Column, DiagnosticSeverity.Warning, code, message, hint);

    /// <summary>Formats as <c>dialogs/care.yaml:12:5: error DLG012: message (hint: ...)</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{File}:{Line}:{Column}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Code}: {Message} (hint: {Hint})");
}
