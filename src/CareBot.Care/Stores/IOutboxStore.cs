namespace CareBot.Care.Stores;

/// <summary>
/// Messages waiting to be delivered by the outbox worker. A message is pending until a worker claims it (status
/// sending, with a lease); the worker then marks it sent, schedules a retry, or marks it dead. A claim whose lease
/// ran out (the worker crashed) is claimable again, so nothing is lost; the idempotency key lets the receiver drop a
/// repeat (it is the email's Message-ID and the activity id).
/// </summary>
public interface IOutboxStore
{
    /// <summary>Adds messages outside a turn (e.g. an agent's reply); a message whose idempotency key exists is skipped.</summary>
    Task EnqueueAsync(IReadOnlyList<NewOutboxMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due messages (pending and due, or sending with an expired lease), oldest
    /// due first, counting an attempt on each. Concurrent workers never claim the same message while its lease runs.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(int limit, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Marks a claimed message sent; false when it is not in status sending (e.g. already marked).</summary>
    Task<bool> MarkSentAsync(long id, CancellationToken cancellationToken);

    /// <summary>Puts a claimed message back to pending, due at <paramref name="nextAttemptAt"/>, with the error that stopped it (<paramref name="lastError"/>).</summary>
    Task<bool> ScheduleRetryAsync(long id, DateTimeOffset nextAttemptAt, string lastError, CancellationToken cancellationToken);

    /// <summary>Gives up on a message: status dead, kept for admins with its last error.</summary>
    Task<bool> MarkDeadAsync(long id, string lastError, CancellationToken cancellationToken);

    /// <summary>Dead letters, newest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> ListDeadAsync(int limit, CancellationToken cancellationToken);

    /// <summary>How many messages wait for delivery (pending or being sent): the backlog readiness watches.</summary>
    Task<long> CountPendingAsync(CancellationToken cancellationToken);

    /// <summary>One message by id (any status), or null.</summary>
    Task<OutboxMessage?> GetAsync(long id, CancellationToken cancellationToken);
}
