namespace CareBot.Care.Cases;

/// <summary>Publishing several events at once, in order.</summary>
public static class CaseEventFeedExtensions
{
    /// <summary>Publishes each event in order (after the commit that stored them).</summary>
    public static void PublishAll(this ICaseEventFeed feed, IEnumerable<CaseEvent> events)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var caseEvent in events)
        {
            feed.Publish(caseEvent);
        }
    }
}
