using System.Collections.Frozen;
using CareBot.Dialogs.Model;

namespace CareBot.Care.Cases;

/// <summary>
/// Section <c>Cases</c>. <see cref="Sla"/> maps each priority to its targets; a priority left out keeps its default:
/// Urgent 15 min / 4 h, High 1 h / 8 h, Normal 4 h / 24 h, Low 24 h / 72 h.
/// </summary>
public sealed class CaseOptions
{
    public const string SectionName = "Cases";

    private FrozenDictionary<Priority, TimeSpan>? firstResponseTargets;

    public Dictionary<Priority, SlaTarget> Sla { get; } = [];

    /// <summary>
    /// The first-response target of every priority, for the hand-off's <c>{case.reply_within}</c>. Built once per
    /// options instance (the binder fills <see cref="Sla"/> before anyone reads it; saved settings make a new instance).
    /// </summary>
    public IReadOnlyDictionary<Priority, TimeSpan> FirstResponseTargets =>
        firstResponseTargets ??= Enum.GetValues<Priority>().ToFrozenDictionary(p => p, p => TargetFor(p).FirstResponse);

    /// <summary>The targets for a priority: the configured ones, or the default.</summary>
    public SlaTarget TargetFor(Priority priority) =>
        Sla.TryGetValue(priority, out var target) ? target : Default(priority);

    private static SlaTarget Default(Priority priority) => priority switch
    {
        Priority.Urgent => new SlaTarget { FirstResponse = TimeSpan.FromMinutes(15), Resolution = TimeSpan.FromHours(4) },
        Priority.High => new SlaTarget { FirstResponse = TimeSpan.FromHours(1), Resolution = TimeSpan.FromHours(8) },
        Priority.Normal => new SlaTarget { FirstResponse = TimeSpan.FromHours(4), Resolution = TimeSpan.FromHours(24) },
        _ => new SlaTarget { FirstResponse = TimeSpan.FromHours(24), Resolution = TimeSpan.FromHours(72) },
    };
}
