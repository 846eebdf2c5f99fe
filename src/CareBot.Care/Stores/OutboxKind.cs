namespace CareBot.Care.Stores;

/// <summary>How an outbox message is delivered.</summary>
public enum OutboxKind
{
    /// <summary>An email (through SMTP or the pickup folder).</summary>
    Email,

    /// <summary>A proactive activity into a conversation, through the Connector.</summary>
    Activity,

    /// <summary>Open a private (1:1) conversation for a public post and continue the dialog there.</summary>
    TakeOffline,

    /// <summary>Feed a dialog event to a conversation (case resolved, handed back) and deliver what the dialog says.</summary>
    DialogEvent,

    /// <summary>
    /// An event a channel adapter received (e.g. a Facebook comment from Meta's webhook), stored on receipt so it is
    /// processed once, in the background, even across a crash; an <see cref="Delivery.IChannelInbox"/> runs it.
    /// </summary>
    ChannelEvent,
}
