namespace CareBot.Protocol.Middleware;

/// <summary>Whether this delivery should process the activity.</summary>
public enum ActivityClaimStatus
{
    Claimed,
    Completed,
    InProgress,
}
