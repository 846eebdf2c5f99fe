namespace CareBot.Care.Stores;

/// <summary>How an outbox message is delivered.</summary>
public enum OutboxKind
{
    Email,
    Activity,
}
