namespace CareBot.Care.Triage.Cues;

/// <summary>Thresholds of the priority rule (see <see cref="PriorityRule"/>).</summary>
/// <param name="HighAngerIntensity">Anger intensity (0..1) at or above which a complaint is high priority.</param>
/// <param name="NegativeCompound">VADER compound at or below which a message counts as negative (normal, not low).</param>
public sealed record PriorityCues(double HighAngerIntensity, double NegativeCompound);
