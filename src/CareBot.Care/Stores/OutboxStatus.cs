namespace CareBot.Care.Stores;

/// <summary>Where an outbox message is in its delivery.</summary>
public enum OutboxStatus
{
    Pending,
    Sending,
    Sent,
    Dead,
}
