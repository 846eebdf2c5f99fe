namespace CareBot.Protocol.Schema;

/// <summary>Well-known <see cref="Activity.ChannelId"/> values.</summary>
public static class Channels
{
    public const string MsTeams = "msteams";
    public const string Webchat = "webchat";
    public const string DirectLine = "directline";
    public const string Emulator = "emulator";
    public const string Facebook = "facebook";
    public const string Slack = "slack";
    public const string Telegram = "telegram";
    public const string Sms = "sms";
    public const string Email = "email";
    public const string Omnichannel = "omnichannel";
    public const string Test = "test";
}
