namespace CareBot.Dialogs.Validation;

/// <summary>How bad a diagnostic is: an error keeps a script from going live; a warning does not.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Worth a look; the script may still go live.</summary>
    Warning,

    /// <summary>The script is invalid and will not go live.</summary>
    Error,
}
