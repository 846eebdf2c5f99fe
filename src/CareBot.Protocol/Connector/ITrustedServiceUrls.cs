namespace CareBot.Protocol.Connector;

/// <summary>
/// The serviceUrls the bot may call with its credentials: those proven by a validated channel token's
/// <c>serviceurl</c> claim, plus a configured allow-list. Guards against SSRF through forged serviceUrls.
/// </summary>
public interface ITrustedServiceUrls
{
    /// <summary>Records a serviceUrl proven by a validated token.</summary>
    void Trust(string serviceUrl);

    /// <summary>True when the serviceUrl was proven or is on the allow-list.</summary>
    bool IsTrusted(string serviceUrl);
}
