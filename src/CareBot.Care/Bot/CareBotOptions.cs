namespace CareBot.Care.Bot;

/// <summary>The care bot's settings (section <c>CareBot</c>).</summary>
public sealed class CareBotOptions
{
    public const string SectionName = "CareBot";

    /// <summary>The root dialog every conversation starts in. Default <c>care</c> (dialogs/care.yaml).</summary>
    public string DialogId { get; set; } = "care";

    /// <summary>The folder of dialog scripts, relative to the working directory. Default <c>dialogs</c>.</summary>
    public string DialogsPath { get; set; } = "dialogs";

    /// <summary>The brand name for <c>{brand.name}</c>; null uses each script's <c>brand:</c>.</summary>
    public string? BrandName { get; set; }

    /// <summary>
    /// The brand's opening hours and holidays (<c>CareBot:BusinessHours</c>); when set they win over the scripts'
    /// <c>business_hours:</c>. Default none: each script's own hours.
    /// </summary>
    public BusinessHoursOptions? BusinessHours { get; set; }

    /// <summary>How long file changes settle before the scripts reload. Default 500 ms.</summary>
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a turn is rerun when another instance changed the conversation first. Default 3.</summary>
    public int MaxStateConflictRetries { get; set; } = 3;

    /// <summary>
    /// Channels (by channel id, e.g. <c>facebook</c>) where the bot must not open 1:1 conversations: a public post there
    /// goes straight to the email route (event <c>offline.failed</c>). Channels that answer the attempt with 4xx/501 get
    /// the same route without being listed.
    /// </summary>
    public IList<string> ChannelsWithoutPrivateConversations { get; } = [];

    /// <summary>
    /// Channels (by channel id) whose private conversation, opened from a public post, takes one message until the
    /// customer answers (Meta's Private Reply): the bot's opening replies there go out as one message, blank lines
    /// between them, so a question after the greeting is not lost. The Meta channel adds its ids itself.
    /// </summary>
    public ISet<string> ChannelsWithOneOpeningMessage { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Said once per case when the customer writes while their case waits past its first-response due time; empty
    /// turns it off. <c>{user.name}</c> is replaced.
    /// </summary>
    public string? HoldingReply { get; set; } =
        "Thanks for your patience, {user.name}. Your case is still waiting for a person from our team; they'll reply right here as soon as they can.";

    /// <summary>
    /// Said once per case when the customer writes while their case waits for a person (before its first-response due
    /// time; after it, <see cref="HoldingReply"/>), so a follow-up is not met with silence; empty turns it off.
    /// <c>{user.name}</c> and <c>{case.id}</c> are replaced.
    /// </summary>
    public string? AddedToCaseReply { get; set; } =
        "Got it, {user.name}. I've added that to case {case.id}; a person from our team will reply right here.";

    /// <summary>
    /// Channels (by channel id, e.g. <c>omnichannel</c>) that are agent hubs: only their <c>handoff.status</c> events
    /// move a case. Default none. Never list a channel customers write in (<c>webchat</c>, <c>directline</c>, ...): there
    /// a customer could send the event and close their own case.
    /// </summary>
    public IList<string> HandoffHubChannels { get; } = [];

    /// <summary>Send the channel a <c>handoff.initiate</c> event (for hubs like Omnichannel) when a case opens. Default off.</summary>
    public bool SendHandoffInitiate { get; set; }
}
