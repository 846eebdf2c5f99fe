using CareBot.Care.Triage.Model;

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

    /// <summary>
    /// The share of the messages this deployment receives that are complaints, between 0.05 and 0.95. The care model's
    /// complaint threshold was chosen on held-out messages of which half are complaints, so 0.5 (the default) keeps it.
    /// Where complaints are the usual business (a care handle), a message the model is unsure of is more likely to be
    /// one, and the threshold moves down by Bayes' rule; where they are rare (comments under marketing posts), it moves
    /// up. Only the model's complaint head follows it: cues, praise and urgency do not.
    /// </summary>
    public double ComplaintShare { get; set; } = CareModel.TrainedComplaintShare;
}
