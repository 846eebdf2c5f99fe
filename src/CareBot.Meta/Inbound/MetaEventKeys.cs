namespace CareBot.Meta.Inbound;

/// <summary>The prefix of the outbox rows (and state documents) the Meta channel owns.</summary>
public static class MetaEventKeys
{
    public const string Prefix = "meta/in/";
}
