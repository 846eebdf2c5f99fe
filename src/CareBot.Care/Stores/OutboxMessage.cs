namespace CareBot.Care.Stores;

/// <summary>A stored outbox message.</summary>
/// <param name="LeaseUntil">While sending: when the claim expires and another worker may take it.</param>
public sealed record OutboxMessage(
    long Id,
    OutboxKind Kind,
    string IdempotencyKey,
    string PayloadJson,
    OutboxStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? LeaseUntil,
    string? LastError,
    DateTimeOffset CreatedAt);
