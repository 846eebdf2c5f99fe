namespace CareBot.Meta;

/// <summary>
/// Section <c>Meta</c>: Facebook and Instagram comments and messages. Off unless <c>AppSecret</c> is set; then every
/// other required setting is checked at start-up.
/// <code>
/// "Meta": {
///   "AppSecret": "…", "VerifyToken": "…",
///   "GraphBaseUrl": "https://graph.facebook.com", "GraphVersion": "v23.0",
///   "Pages": [ { "PageId": "…", "AccessToken": "…", "InstagramAccountId": "…" } ],
///   "MaxWebhookBytes": 262144, "PrivateReplyWindow": "7.00:00:00", "MessagingWindow": "1.00:00:00",
///   "RateLimitPause": "00:05:00", "RequestTimeout": "00:00:30", "ContactRetention": "30.00:00:00",
///   "KeepFiles": true, "FileHosts": [ "fbcdn.net", "fbsbx.com", "cdninstagram.com" ], "FileTimeout": "00:00:15"
/// }
/// </code>
/// </summary>
public sealed class MetaOptions
{
    public const string SectionName = "Meta";

    /// <summary>The Meta app's secret: signs every webhook delivery (<c>X-Hub-Signature-256</c>). Empty: Meta is off.</summary>
    public string? AppSecret { get; set; }

    /// <summary>The token Meta echoes in the webhook subscription handshake (you choose it in the app dashboard). Required when on.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>The Graph API's base address. Default <c>https://graph.facebook.com</c>.</summary>
    public Uri GraphBaseUrl { get; set; } = new("https://graph.facebook.com");

    /// <summary>The Graph API version every call names. Default <c>v23.0</c>.</summary>
    public string GraphVersion { get; set; } = "v23.0";

    /// <summary>The Pages (each with its token and optional Instagram account). At least one when on.</summary>
    public IList<MetaPageOptions> Pages { get; } = [];

    /// <summary>The largest webhook body accepted (413 beyond). Default 256 KiB.</summary>
    public long MaxWebhookBytes { get; set; } = 256 * 1024;

    /// <summary>How long after a comment its one Private Reply may be sent (Meta's limit). Default 7 days.</summary>
    public TimeSpan PrivateReplyWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long after the customer's last message the Send API may answer (Meta's standard window). Default 24 h.</summary>
    public TimeSpan MessagingWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long the channel remembers a customer who has not written (their conversation and name); a message after
    /// that starts a new conversation. Default 30 days. Comments and Private Replies are forgotten a day after
    /// <see cref="PrivateReplyWindow"/>.
    /// </summary>
    public TimeSpan ContactRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a Page's calls pause after a rate-limit error without a stated regain time. Default 5 min.</summary>
    public TimeSpan RateLimitPause { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The timeout of one Graph API call. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether photos and files customers send in Messenger and Instagram are copied into CareBot's file store (the
    /// chat page's, with its bounds) when they arrive: Meta's links to them expire within days, and the case keeps the
    /// copy's link instead. Default true.
    /// </summary>
    public bool KeepFiles { get; set; } = true;

    /// <summary>
    /// The only hosts files are copied from (a name and its subdomains): Meta's CDNs. Empty means
    /// <see cref="DefaultFileHosts"/>. A link anywhere else stays as Meta sent it and is never fetched.
    /// </summary>
    public IList<string> FileHosts { get; } = [];

    /// <summary>Meta's CDN hosts, used when <see cref="FileHosts"/> is empty.</summary>
    public static IReadOnlyList<string> DefaultFileHosts { get; } = ["fbcdn.net", "fbsbx.com", "cdninstagram.com"];

    /// <summary>
    /// How long copying a message's files may take together, redirects included; a file not copied by then keeps Meta's
    /// link. Default 15 s (the outbox's lease on the event is a minute).
    /// </summary>
    public TimeSpan FileTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether Meta is configured at all.</summary>
    public bool Enabled => !string.IsNullOrEmpty(AppSecret);

    /// <summary>The Page that owns a Page or Instagram account id, if configured.</summary>
    public MetaPageOptions? PageFor(string accountId) =>
        Pages.FirstOrDefault(p => p.PageId == accountId || (p.InstagramAccountId is { Length: > 0 } ig && ig == accountId));
}
