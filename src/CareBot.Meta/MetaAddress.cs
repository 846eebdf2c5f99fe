using System.Diagnostics.CodeAnalysis;

namespace CareBot.Meta;

/// <summary>
/// Where a Meta conversation is answered, written as the conversation reference's serviceUrl so that stored references,
/// cases and outbox rows need nothing new: <c>urn:carebot:meta:{facebook|instagram}:{account id}</c>, plus
/// <c>:comment:{comment id}</c> for a comment thread and the private conversation a Private Reply to that comment opens.
/// It is not a URL anyone can call: only <see cref="Delivery.MetaConnectorClient"/> understands it, so a Bot Framework
/// Connector call can never be pointed at Meta (or the other way round).
/// </summary>
public sealed record MetaAddress(MetaPlatform Platform, string AccountId, string? CommentId)
{
    private const string Prefix = "urn:carebot:meta:";

    /// <summary>The channel id of Meta conversations: <c>meta-facebook</c> or <c>meta-instagram</c>.</summary>
    public string ChannelId => ChannelIdOf(Platform);

    public static string ChannelIdOf(MetaPlatform platform) => platform == MetaPlatform.Facebook ? "meta-facebook" : "meta-instagram";

    public static bool IsMeta(string? serviceUrl) => serviceUrl?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public static bool TryParse(string? serviceUrl, [NotNullWhen(true)] out MetaAddress? address)
    {
        address = null;
        if (!IsMeta(serviceUrl))
        {
            return false;
        }

        var parts = serviceUrl![Prefix.Length..].Split(':');
        if (parts.Length is not (2 or 4) || parts[1].Length == 0 || (parts.Length == 4 && (parts[2] != "comment" || parts[3].Length == 0)))
        {
            return false;
        }

        MetaPlatform? platform = parts[0] switch { "facebook" => MetaPlatform.Facebook, "instagram" => MetaPlatform.Instagram, _ => null };
        if (platform is null)
        {
            return false;
        }

        address = new MetaAddress(platform.Value, parts[1], parts.Length == 4 ? parts[3] : null);
        return true;
    }

    public override string ToString() =>
        $"{Prefix}{(Platform == MetaPlatform.Facebook ? "facebook" : "instagram")}:{AccountId}" + (CommentId is null ? string.Empty : $":comment:{CommentId}");
}
