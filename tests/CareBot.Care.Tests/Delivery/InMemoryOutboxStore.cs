using CareBot.Care.Stores;

namespace CareBot.Care.Tests.Delivery;

/// <summary>
/// The <see cref="IOutboxStore"/> contract in memory, on the test's clock: claims count an attempt and hold a lease,
/// an expired lease makes a message claimable again, marks only apply to claimed messages. Honours cancellation
/// before it changes anything, so a cancelled worker leaves its claim behind as a crashed one would.
/// </summary>
public sealed class InMemoryOutboxStore(TimeProvider time) : IOutboxStore
{
    private readonly Lock gate = new();
    private readonly List<Row> rows = [];

    /// <summary>The id of the message with <paramref name="idempotencyKey"/> (a test's handle on what it enqueued).</summary>
    public long IdOf(string idempotencyKey)
    {
        lock (gate)
        {
            return rows.Single(r => r.Message.IdempotencyKey == idempotencyKey).Message.Id;
        }
    }

    public Task EnqueueAsync(IReadOnlyList<NewOutboxMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var now = time.GetUtcNow();
            foreach (var message in messages.Where(m => rows.TrueForAll(r => r.Message.IdempotencyKey != m.IdempotencyKey)))
            {
                rows.Add(new Row(new OutboxMessage(rows.Count + 1, message.Kind, message.IdempotencyKey, message.PayloadJson, OutboxStatus.Pending, 0, now, null, null, now), now));
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var now = time.GetUtcNow();
            var due = rows
                .Where(r => (r.Message.Status == OutboxStatus.Pending && r.Message.NextAttemptAt <= now) ||
                            (r.Message.Status == OutboxStatus.Sending && r.Message.LeaseUntil <= now))
                .OrderBy(r => r.Message.NextAttemptAt).ThenBy(r => r.Message.Id)
                .Take(limit)
                .ToList();
            foreach (var row in due)
            {
                row.Update(row.Message with { Status = OutboxStatus.Sending, LeaseUntil = now + lease, Attempts = row.Message.Attempts + 1 }, now);
            }

            return Task.FromResult<IReadOnlyList<OutboxMessage>>([.. due.Select(r => r.Message)]);
        }
    }

    public Task<bool> MarkSentAsync(long id, CancellationToken cancellationToken) =>
        Change(id, [OutboxStatus.Sending], m => m with { Status = OutboxStatus.Sent, LeaseUntil = null }, cancellationToken);

    public Task<bool> ScheduleRetryAsync(long id, DateTimeOffset nextAttemptAt, string lastError, CancellationToken cancellationToken) =>
        Change(id, [OutboxStatus.Sending], m => m with { Status = OutboxStatus.Pending, LeaseUntil = null, NextAttemptAt = nextAttemptAt, LastError = lastError }, cancellationToken);

    public Task<bool> MarkDeadAsync(long id, string lastError, CancellationToken cancellationToken) =>
        Change(id, [OutboxStatus.Pending, OutboxStatus.Sending], m => m with { Status = OutboxStatus.Dead, LeaseUntil = null, LastError = lastError }, cancellationToken);

    public Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult((long)rows.Count(r => r.Message.Status is OutboxStatus.Pending or OutboxStatus.Sending));
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> ListDeadAsync(int limit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<OutboxMessage>>(
                [.. rows.Where(r => r.Message.Status == OutboxStatus.Dead).OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Message.Id).Take(limit).Select(r => r.Message)]);
        }
    }

    public Task<OutboxMessage?> GetAsync(long id, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(rows.Find(r => r.Message.Id == id)?.Message);
        }
    }

    private Task<bool> Change(long id, OutboxStatus[] from, Func<OutboxMessage, OutboxMessage> change, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var row = rows.Find(r => r.Message.Id == id);
            if (row is null || !from.Contains(row.Message.Status))
            {
                return Task.FromResult(false);
            }

            row.Update(change(row.Message), time.GetUtcNow());
            return Task.FromResult(true);
        }
    }

    private sealed class Row(OutboxMessage message, DateTimeOffset updatedAt)
    {
        public OutboxMessage Message { get; private set; } = message;

        public DateTimeOffset UpdatedAt { get; private set; } = updatedAt;

        public void Update(OutboxMessage message, DateTimeOffset at)
        {
            Message = message;
            UpdatedAt = at;
        }
    }
}
