namespace CareBot.Protocol.Connector;

/// <summary>
/// Settings of the Connector client (bot → channel), bound from the <c>Connector</c> configuration section.
/// </summary>
public sealed class ConnectorOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Connector";

    /// <summary>How long one HTTP attempt (request and response body) may take. Default 15 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How many times a transient failure (429, 5xx, 408, timeout, network error) is retried after the first attempt.
    /// 0 disables retries. Default 3 (so at most 4 attempts).
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// The longest <c>Retry-After</c> the client waits for. When a channel asks for longer, the call fails at once as
    /// transient so the caller (e.g. the outbox) can reschedule it instead of holding a request open. Default 30 seconds.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The first backoff delay when the channel gives no <c>Retry-After</c>; it doubles on each retry, plus up to 50 %
    /// random jitter, and never exceeds <see cref="MaxRetryAfter"/>. Default 500 milliseconds.
    /// </summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// serviceUrls the bot may call with its token even though no validated channel token proved them (e.g. a Teams
    /// regional URL used for proactive messages after a restart). Compared case-insensitively, trailing slash ignored.
    /// Default empty.
    /// </summary>
    public IList<string> AllowedServiceUrls { get; } = new List<string>();

    /// <summary>
    /// How many proven serviceUrls are remembered; beyond it the oldest is forgotten. Channels use a handful of
    /// serviceUrls, so the bound only matters against abuse. Default 1000.
    /// </summary>
    public int MaxTrustedServiceUrls { get; set; } = 1000;

    /// <summary>
    /// Whether photos and PDFs a customer sends on a channel that serves them only to the bot's token (Teams'
    /// <c>{serviceUrl}v3/attachments/...</c>) are copied into the bot's file store as the message arrives, so the case
    /// links to a copy an agent can open. Default true; the copies share <c>DirectLine:</c>'s upload bounds.
    /// </summary>
    public bool KeepFiles { get; set; } = true;

    /// <summary>
    /// How long copying one message's files may take in all; what is not copied by then keeps the channel's link. The
    /// copy runs inside the turn, and a channel waits about 15 seconds for the bot's answer. Default 5 seconds.
    /// </summary>
    public TimeSpan FileTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
