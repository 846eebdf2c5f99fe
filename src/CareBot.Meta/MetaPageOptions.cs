namespace CareBot.Meta;

/// <summary>One Facebook Page (and the Instagram account linked to it) CareBot answers for.</summary>
public sealed class MetaPageOptions
{
    /// <summary>The Page's id (the webhook's <c>entry.id</c> for Page events). Required.</summary>
    public string PageId { get; set; } = string.Empty;

    /// <summary>The Page access token (a secret: from the environment or a secret store, never logged). Required.</summary>
    public string AccessToken { get; set; } = string.Empty;

    /// <summary>The Instagram professional account linked to the Page (the webhook's <c>entry.id</c> for Instagram events), if any.</summary>
    public string? InstagramAccountId { get; set; }
}
