namespace CareBot.Server.Endpoints;

/// <summary>The agents' live case feed, <c>GET /api/cases/feed</c> (section <c>CaseFeed</c>).</summary>
public sealed class CaseFeedOptions
{
    public const string SectionName = "CaseFeed";

    /// <summary>
    /// How often an idle stream gets a <c>: keep-alive</c> comment, so proxies and load balancers don't close it for
    /// silence. Default 15 seconds.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}
