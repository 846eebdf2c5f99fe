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

    /// <summary>
    /// Whether urgency also fires on the care model's urgency head (a cue <b>or</b> the head), not on the cues alone.
    /// Default false: on real tweets the head finds two to three times the urgent messages the cues find, but on the
    /// hand-written development set its false alarms take urgency F1 below its 0.8 floor (README, "Quality on real words").
    /// </summary>
    public bool UrgencyModel { get; set; }
}
