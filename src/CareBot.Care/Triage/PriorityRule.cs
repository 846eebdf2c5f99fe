using System.Globalization;
using CareBot.Dialogs.Model;

namespace CareBot.Care.Triage;

/// <summary>
/// The one place where a message's priority is decided from its signals and sentiment. Read top to bottom; the first
/// rule that applies wins.
/// </summary>
internal static class PriorityRule
{
    public static (Priority Priority, string Reason) Decide(
        SignalSet signals, TriageSignal safety, TriageSignal praise, double compound, int piiCount, Cues.PriorityCues thresholds)
    {
        // Urgent: a safety risk, or something time-critical that also hurts (a complaint, anger, or a leaving customer).
        if (safety.Detected)
        {
            return (Priority.Urgent, "urgent: " + safety.Reasons[0]);
        }

        // A thank-you for help under pressure ("your agents got my stranded family home") is not time-critical: said in
        // an open case it would otherwise escalate it. Praise is only detected without a complaint; a safety risk above
        // still counts.
        var timeCritical = signals.Urgency.Detected && !praise.Detected;
        if (timeCritical && (signals.Complaint.Detected || signals.Shouting.Detected || signals.Churn.Detected))
        {
            return (Priority.Urgent, "urgent: time-critical complaint (" + string.Join(", ", signals.Urgency.Reasons) + ")");
        }

        // High: time-critical or at risk of leaving, or an angry complaint, or a complaint from someone asking for a person.
        if (timeCritical)
        {
            return (Priority.High, "high: time-critical (" + string.Join(", ", signals.Urgency.Reasons) + ")");
        }

        if (signals.Churn.Detected)
        {
            return (Priority.High, "high: churn risk (" + string.Join(", ", signals.Churn.Reasons) + ")");
        }

        if (signals.Complaint.Detected
            && (signals.Shouting.Detected || signals.Shouting.AngerIntensity >= thresholds.HighAngerIntensity))
        {
            return (Priority.High, string.Create(CultureInfo.InvariantCulture, $"high: angry complaint (anger {signals.Shouting.AngerIntensity:0.00})"));
        }

        if (signals.Complaint.Detected && signals.WantsHuman.Detected)
        {
            return (Priority.High, "high: complaint and asks for a person");
        }

        // Normal: anything that needs an answer from care: a complaint, a request for a person or privacy, personal data.
        if (signals.Complaint.Detected)
        {
            return (Priority.Normal, "normal: complaint");
        }

        if (signals.WantsHuman.Detected || signals.WantsPrivacy.Detected)
        {
            return (Priority.Normal, signals.WantsHuman.Detected ? "normal: asks for a person" : "normal: asks for privacy");
        }

        if (piiCount > 0 || compound <= thresholds.NegativeCompound)
        {
            return (Priority.Normal, piiCount > 0 ? "normal: contains personal data" : "normal: negative sentiment");
        }

        // Low: questions, thanks and praise.
        return (Priority.Low, "low: no care signal");
    }
}
