namespace CareBot.Protocol.Schema;

/// <summary>Values the bot stamps on <see cref="Activity.CallerId"/> after authenticating the sender.</summary>
public static class CallerIdConstants
{
    public const string PublicAzureChannel = "urn:botframework:azure";
    public const string USGovChannel = "urn:botframework:azureusgov";
    public const string BotToBotPrefix = "urn:botframework:aadappid:";
}
