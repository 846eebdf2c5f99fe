namespace CareBot.Meta.Inbound;

/// <summary>What a Meta webhook event is, as far as care is concerned.</summary>
public enum MetaEventKind
{
    /// <summary>A public comment (Facebook feed or Instagram) or a visitor post on the Page.</summary>
    Comment,

    /// <summary>A private message (Messenger or Instagram Direct), or a postback button's title.</summary>
    Message,
}
