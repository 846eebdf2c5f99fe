using Microsoft.Extensions.Options;

namespace CareBot.Care.Incidents;

/// <summary>
/// Watches public complaints for a spike: similar posts (sharing <see cref="IncidentOptions.SharedKeyWords"/> key words)
/// from at least <see cref="IncidentOptions.MinimumPosts"/> different customers within <see cref="IncidentOptions.Window"/>,
/// at least <see cref="IncidentOptions.Sensitivity"/> times the topic's average over the windows before, mostly negative,
/// and not within the <see cref="IncidentOptions.CoolDown"/> of an incident on the same topic. The recent posts and the
/// cool-downs live in the <see cref="IIncidentObservationStore"/>, so every instance on one database counts the same
/// posts; claiming the group there is what lets only one of them open the incident.
/// </summary>
public sealed class IncidentDetector(IIncidentObservationStore store, IOptionsMonitor<IncidentOptions> options)
{
    /// <summary>The most similar posts read back per complaint; the oldest are left out.</summary>
    public const int MaxRemembered = 20_000;

    /// <summary>
    /// Records <paramref name="post"/>; returns the group of similar posts when they make a spike and this call claimed
    /// them (open the incident), else null.
    /// </summary>
    public async Task<IReadOnlyList<ObservedComplaint>?> ObserveAsync(ObservedComplaint post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var settings = options.CurrentValue;
        if (post.Words.Count < settings.SharedKeyWords)
        {
            return null; // too few key words to be similar to anything: not worth a row
        }

        var now = post.Member.At;
        var horizon = now - settings.Window * (settings.BaselineWindows + 1);
        var window = await store.RecordAsync(post, horizon, cancellationToken).ConfigureAwait(false);
        if (SpikeOf(post, window.Similar, now, settings) is not { } group)
        {
            return null;
        }

        var posts = group.Select(c => c.Post).ToList();
        var topic = TopicOf(posts, settings.SharedKeyWords);
        if (window.CoolingTopics.Any(c => KeyWords.Shared(c, topic) >= settings.SharedKeyWords))
        {
            return null;
        }

        var claimed = await store.ClaimAsync([.. group.Select(c => c.Id)], topic, now + settings.CoolDown, cancellationToken).ConfigureAwait(false);
        return claimed ? posts : null;
    }

    /// <summary>Starts the cool-down for a topic (an incident on it was resolved).</summary>
    public Task CoolDownAsync(IReadOnlyList<string> topic, DateTimeOffset now, CancellationToken cancellationToken) =>
        store.CoolDownAsync(topic, now + options.CurrentValue.CoolDown, cancellationToken);

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

    /// <summary>The window's similar posts, one per customer, when they make a spike against the baseline; else null.</summary>
    private static List<RecordedComplaint>? SpikeOf(ObservedComplaint post, IReadOnlyList<RecordedComplaint> recent, DateTimeOffset now, IncidentOptions settings)
    {
        var similar = recent.Where(c => KeyWords.Shared(c.Post.Words, post.Words) >= settings.SharedKeyWords).ToList();
        var windowStart = now - settings.Window;
        var group = similar.Where(c => c.Post.Member.At >= windowStart)
            .OrderBy(c => c.Id)
            .GroupBy(c => (c.Post.Member.ChannelId, c.Post.Member.UserId))
            .Select(g => g.First())
            .ToList();
        var baseline = similar.Count(c => c.Post.Member.At < windowStart) / (double)Math.Max(1, settings.BaselineWindows);
        var negative = group.Count(c => c.Post.Negative) / (double)Math.Max(1, group.Count);
        return group.Count < settings.MinimumPosts || group.Count < settings.Sensitivity * baseline || negative < settings.NegativeShare
            ? null
            : group;
    }
}
