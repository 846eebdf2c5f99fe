namespace CareBot.Meta;

/// <summary>Which of Meta's apps a comment or message came from.</summary>
public enum MetaPlatform
{
    /// <summary>A Facebook Page (feed comments, visitor posts, Messenger).</summary>
    Facebook,

    /// <summary>An Instagram professional account linked to a Page (comments, Instagram Direct).</summary>
    Instagram,
}
