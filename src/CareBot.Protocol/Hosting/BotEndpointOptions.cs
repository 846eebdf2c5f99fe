namespace CareBot.Protocol.Hosting;

/// <summary>Limits of the <c>POST /api/messages</c> endpoint (configuration section <c>Bot</c>).</summary>
public sealed class BotEndpointOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Bot";

    /// <summary>
    /// The largest request body accepted, in bytes; larger bodies get 413. Default 262144 (256 KB): Direct Line caps an
    /// activity at 256K characters.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
