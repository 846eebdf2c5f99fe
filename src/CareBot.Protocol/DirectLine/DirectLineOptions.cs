namespace CareBot.Protocol.DirectLine;

/// <summary>
/// The built-in Direct Line 3.0 channel (configuration section <c>DirectLine</c>). It keeps conversations, tokens and
/// history in an <see cref="IDirectLineStore"/>: in the memory of one process by default, in PostgreSQL (shared by every
/// instance) when storage uses PostgreSQL. Stream subscribers are always held by the instance that has the WebSocket.
/// </summary>
public sealed class DirectLineOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "DirectLine";

    /// <summary>
    /// The secret that opens any conversation (environment: <c>DirectLine__Secret</c>). Default none: a development secret
    /// is generated at start-up and the channel then answers only requests from loopback.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How long a token is valid (<c>expires_in</c>). Default 30 minutes, as on Azure's Direct Line.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The serviceUrl stamped on activities of this channel. The bot's Connector calls to it never leave the process:
    /// they are handled by the channel itself. Default <c>https://directline.carebot.invalid/</c> (an address that
    /// cannot resolve, so a mistake can't reach the network).
    /// </summary>
    public string ServiceUrl { get; set; } = "https://directline.carebot.invalid/";

    /// <summary>The bot's account on this channel (<c>recipient</c> of user activities). Default <c>carebot</c>.</summary>
    public string BotId { get; set; } = "carebot";

    /// <summary>The bot's display name. Default <c>CareBot</c>.</summary>
    public string BotName { get; set; } = "CareBot";

    /// <summary>The largest activity a client may post, in bytes; larger ones get 413. Default 262144 (256 KB).</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>The most activities one GET returns; clients page with the watermark. Default 100.</summary>
    public int MaxActivitiesPerPage { get; set; } = 100;

    /// <summary>Frames queued for one WebSocket before the socket is dropped as too slow. Default 256.</summary>
    public int StreamQueueLength { get; set; } = 256;

    /// <summary>How long one WebSocket send may take before the socket is dropped. Default 10 seconds.</summary>
    public TimeSpan StreamSendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an idle WebSocket gets an empty keep-alive frame. Default 15 seconds.</summary>
    public TimeSpan StreamKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Token generations, token refreshes and conversation starts one client (IP address) may make per
    /// <see cref="TokenRequestWindow"/>; more get 429 with <c>Retry-After</c>. Default 30.
    /// </summary>
    public int TokenRequestsPerClient { get; set; } = 30;

    /// <summary>The window <see cref="TokenRequestsPerClient"/> counts in. Default 1 minute.</summary>
    public TimeSpan TokenRequestWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a conversation nobody used (no request, no open WebSocket) is kept; then it is forgotten with its tokens.
    /// At least <see cref="TokenLifetime"/>, so a valid token never names a forgotten conversation. Default 1 hour.
    /// </summary>
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// With PostgreSQL: a conversation's last use is written at most once per this interval (not on every poll), so a
    /// client polling every second costs one UPDATE per interval, not one per poll. A conversation may therefore be
    /// forgotten up to this much earlier than <see cref="ConversationIdleTimeout"/> after its last use. Zero writes on
    /// every request. Less than <see cref="ConversationIdleTimeout"/>. Default 30 seconds.
    /// </summary>
    public TimeSpan LastActiveWriteInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most conversations kept at once. Opening one more forgets the least recently used one (those with an open
    /// WebSocket last); its tokens then answer 401. Default 1000.
    /// </summary>
    public int MaxConversations { get; set; } = 1000;

    /// <summary>The most activities a conversation keeps; older ones are dropped (watermarks go on). Default 500.</summary>
    public int MaxHistoryActivities { get; set; } = 500;

    /// <summary>
    /// The most bytes (UTF-8 JSON) of activities a conversation keeps; older ones are dropped, the newest is always kept.
    /// With <see cref="MaxConversations"/> this bounds the channel's memory. Default 262144 (256 KB).
    /// </summary>
    public int MaxHistoryBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// The most bytes of activities one <c>GET activities</c> page carries besides <see cref="MaxActivitiesPerPage"/>
    /// (one larger activity goes alone; the client pages on with the watermark). Default 1048576 (1 MB).
    /// </summary>
    public int MaxPageBytes { get; set; } = 1024 * 1024;

    /// <summary>The most WebSockets open on one conversation; one more closes the oldest. Default 4.</summary>
    public int MaxStreamsPerConversation { get; set; } = 4;

    /// <summary>
    /// The largest upload request (<c>POST .../upload</c>: every file and the activity), in bytes; larger ones get 413.
    /// Default 10485760 (10 MB: a phone's photo is often 3 to 5 MB).
    /// </summary>
    public int MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Uploads read at once by this instance; one more gets 429 with <c>Retry-After</c>. Each is held in memory until
    /// stored, so this times <see cref="MaxUploadBytes"/> bounds that memory. Default 8.
    /// </summary>
    public int MaxConcurrentUploads { get; set; } = 8;

    /// <summary>The most files one upload may carry; more get 400. Default 5.</summary>
    public int MaxUploadFiles { get; set; } = 5;

    /// <summary>The most files one conversation may keep; more get 429. Default 20.</summary>
    public int MaxUploadsPerConversation { get; set; } = 20;

    /// <summary>
    /// The most bytes all kept files may take together; an upload beyond it gets 503 (nothing older is dropped to make
    /// room: a file is a customer's evidence). Default 1073741824 (1 GB).
    /// </summary>
    public long MaxUploadStorageBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>How long a file is kept (and its link works) after it was sent. Default 30 days.</summary>
    public TimeSpan UploadRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Upload requests one client (IP address) may make per <see cref="UploadWindow"/>; more get 429 with
    /// <c>Retry-After</c>. Default 10.
    /// </summary>
    public int UploadsPerClient { get; set; } = 10;

    /// <summary>The window <see cref="UploadsPerClient"/> counts in. Default 10 minutes.</summary>
    public TimeSpan UploadWindow { get; set; } = TimeSpan.FromMinutes(10);
}
