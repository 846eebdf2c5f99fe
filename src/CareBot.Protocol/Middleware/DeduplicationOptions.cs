namespace CareBot.Protocol.Middleware;

/// <summary>How redelivered activities are recognised and answered (configuration section <c>Bot:Deduplication</c>).</summary>
public sealed class DeduplicationOptions
{
    /// <summary>
    /// How long a second delivery of an activity that is still being processed waits for the first one's outcome before
    /// answering 409. Default 10 seconds (channels give up after roughly 15).
    /// </summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the in-memory store remembers a processed activity. Default 1 hour.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many activities the in-memory store remembers at most; the oldest are forgotten first. Default 10000.</summary>
    public int MaxEntries { get; set; } = 10_000;
}
