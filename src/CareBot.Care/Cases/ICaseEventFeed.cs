namespace CareBot.Care.Cases;

/// <summary>
/// The live feed of case changes for agents, in this process. Whoever changes a case publishes its events after the
/// commit (never before: an agent must not see a change that was rolled back); subscribers get them in publishing order.
/// </summary>
public interface ICaseEventFeed
{
    /// <summary>Gives the event the next id and hands it to every subscriber. Never blocks and never fails.</summary>
    void Publish(CaseEvent caseEvent);

    /// <summary>
    /// Subscribes from the moment this method returns: first the remembered entries after <paramref name="afterId"/>
    /// (none when it is null), then live ones, until <paramref name="cancellationToken"/> is cancelled. Enumerate the result
    /// once; cancelling the token also ends a subscription that is never enumerated.
    /// </summary>
    IAsyncEnumerable<FeedEntry> SubscribeAsync(long? afterId, CancellationToken cancellationToken);
}
