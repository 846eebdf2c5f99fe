namespace CareBot.Care.Triage;

/// <summary>Options of triage, bound from section <c>Triage</c>.</summary>
public sealed class TriageOptions
{
    public const string SectionName = "Triage";

    /// <summary>
    /// The admin-editable cue file, relative to the content root. Default dialogs/settings/triage.yaml; when the file
    /// does not exist the copy embedded at build time is used.
    /// </summary>
    public string CuesPath { get; set; } = "dialogs/settings/triage.yaml";
}
