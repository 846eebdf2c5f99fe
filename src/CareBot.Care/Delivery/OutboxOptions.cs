namespace CareBot.Care.Delivery;

/// <summary>
/// Section <c>Outbox</c>: how the background worker delivers emails and proactive messages.
/// <code>
/// "Outbox": { "Enabled": true, "PollInterval": "00:00:02", "BatchSize": 20, "Lease": "00:01:00",
///             "MaxAttempts": 8, "BaseDelay": "00:00:30", "MaxDelay": "01:00:00" }
/// </code>
/// </summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>Whether this instance delivers (false: it only writes the outbox, e.g. a web-only instance). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the worker looks for due messages when nothing woke it. Default 2 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many messages one pass claims. Default 20.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claim holds before another worker may take the message (a crashed worker's). Default 1 min.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts before a message is dead (kept for admins). Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's delay; it doubles per attempt, with jitter. Default 30 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest delay between attempts. Default 1 h.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    public Stores.OutboxRetryPolicy RetryPolicy() => new(MaxAttempts, BaseDelay, MaxDelay);
}
