using Microsoft.Extensions.Options;

namespace CareBot.Care.Incidents;

/// <summary>
/// Watches public complaints for a spike: similar posts (sharing <see cref="IncidentOptions.SharedKeyWords"/> key words)
/// from at least <see cref="IncidentOptions.MinimumPosts"/> different customers within <see cref="IncidentOptions.Window"/>,
/// at least <see cref="IncidentOptions.Sensitivity"/> times the topic's average over the windows before, mostly negative,
/// and not within the <see cref="IncidentOptions.CoolDown"/> of an incident on the same topic. Keeps the recent posts in
/// memory (one process; bounded by the baseline period and <see cref="MaxRemembered"/>).
/// </summary>
public sealed class IncidentDetector(IOptionsMonitor<IncidentOptions> options)
{
    /// <summary>The most posts remembered; the oldest go first.</summary>
    public const int MaxRemembered = 20_000;

    private readonly Lock gate = new();
    private readonly List<ObservedComplaint> recent = [];
    private readonly List<(IReadOnlyList<string> Words, DateTimeOffset Until)> coolDowns = [];

    /// <summary>Records <paramref name="post"/>; returns the group of similar posts when they make a spike, else null.</summary>
    public IReadOnlyList<ObservedComplaint>? Observe(ObservedComplaint post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var settings = options.CurrentValue;
        var now = post.Member.At;
        lock (gate)
        {
            var horizon = now - settings.Window * (settings.BaselineWindows + 1);
            recent.RemoveAll(p => p.Member.At < horizon);
            coolDowns.RemoveAll(c => c.Until <= now);
            if (recent.Count >= MaxRemembered)
            {
                recent.RemoveAt(0);
            }

            recent.Add(post);
            var similar = recent.Where(p => KeyWords.Shared(p.Words, post.Words) >= settings.SharedKeyWords).ToList();
            var windowStart = now - settings.Window;
            var group = similar.Where(p => p.Member.At >= windowStart)
                .GroupBy(p => (p.Member.ChannelId, p.Member.UserId))
                .Select(g => g.First())
                .ToList();
            var baseline = similar.Count(p => p.Member.At < windowStart) / (double)Math.Max(1, settings.BaselineWindows);
            var negative = group.Count(p => p.Negative) / (double)Math.Max(1, group.Count);
            if (group.Count < settings.MinimumPosts || group.Count < settings.Sensitivity * baseline || negative < settings.NegativeShare)
            {
                return null;
            }

            var topic = TopicOf(group, settings.SharedKeyWords);
            if (coolDowns.Any(c => KeyWords.Shared(c.Words, topic) >= settings.SharedKeyWords))
            {
                return null;
            }

            coolDowns.Add((topic, now + settings.CoolDown));
            recent.RemoveAll(group.Contains);
            return group;
        }
    }

    /// <summary>Starts the cool-down for a topic (an incident on it was resolved).</summary>
    public void CoolDown(IReadOnlyList<string> topic, DateTimeOffset now)
    {
        lock (gate)
        {
            coolDowns.Add((topic, now + options.CurrentValue.CoolDown));
        }
    }

    /// <summary>The key words at least half the group shares, most common first (at most five).</summary>
    public static IReadOnlyList<string> TopicOf(IReadOnlyList<ObservedComplaint> group, int atLeast)
    {
        ArgumentNullException.ThrowIfNull(group);
        var counted = group.SelectMany(p => p.Words).GroupBy(w => w, StringComparer.Ordinal)
            .Select(g => (Word: g.Key, Count: g.Count()))
            .OrderByDescending(w => w.Count).ThenBy(w => w.Word, StringComparer.Ordinal)
            .ToList();
        var common = counted.Where(w => w.Count * 2 >= group.Count).Take(5).Select(w => w.Word).ToList();
        return common.Count >= atLeast ? common : [.. counted.Take(Math.Max(atLeast, 1)).Select(w => w.Word)];
    }
}
