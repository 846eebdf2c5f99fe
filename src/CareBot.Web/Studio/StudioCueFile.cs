using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Dialogs.Validation;
using Microsoft.Extensions.Options;

namespace CareBot.Web.Studio;

/// <summary>
/// The triage cue file (<c>Triage:CuesPath</c>, default <c>dialogs/settings/triage.yaml</c>) as the studio shows it:
/// its text, and a draft's problems found by the very parser the server uses at start (<see cref="TriageCueLoader.Parse"/>),
/// as diagnostics at file, line and column. The studio does not publish it yet: the server reads the file at start only.
/// </summary>
public sealed class StudioCueFile(IOptions<TriageOptions> options)
{
    /// <summary>The code the studio shows for a cue file problem (the cue loader has no codes of its own).</summary>
    public const string ProblemCode = "TRIAGE";

    /// <summary>The cue file's full path (relative paths are relative to the working directory, as at start).</summary>
    public string FullPath => Path.GetFullPath(options.Value.CuesPath);

    /// <summary>The file name diagnostics carry (e.g. <c>triage.yaml</c>).</summary>
    public string FileName => Path.GetFileName(FullPath);

    /// <summary>The file's text, or null when there is no file (the server then uses the copy built into it).</summary>
    public async Task<string?> ReadAsync(CancellationToken cancellationToken) =>
        File.Exists(FullPath) ? await File.ReadAllTextAsync(FullPath, cancellationToken).ConfigureAwait(false) : null;

    /// <summary>Every problem of a draft of the cue file; empty when the server would accept it.</summary>
    public IReadOnlyList<Diagnostic> Validate(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Length > StudioScripts.MaxSourceLength)
        {
            return [new Diagnostic(FileName, 1, 1, DiagnosticSeverity.Error, ProblemCode, $"The cue file is {source.Length} characters long; the studio takes at most {StudioScripts.MaxSourceLength}.", "Keep cues general: fewer, broader patterns.")];
        }

        try
        {
            TriageCueLoader.Parse(source, FileName);
            return [];
        }
        catch (TriageCueException ex)
        {
            return [.. ex.Diagnostics.Select(d => new Diagnostic(d.File, d.Line, d.Column, DiagnosticSeverity.Error, ProblemCode, d.Message, d.Hint))];
        }
    }
}
