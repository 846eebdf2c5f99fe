namespace CareBot.Care.Cases;

/// <summary>
/// One <see cref="CaseEvent"/> as the live feed delivered it, with the feed's id for it: ids increase by one per published
/// event and start again at 1 when the process starts (the feed is in memory).
/// </summary>
public sealed record FeedEntry(long Id, CaseEvent Event);
