using System.Text.Json;
using CareBot.Care.Stores;

namespace CareBot.Care.Email;

/// <summary>How an email travels through the outbox: the <see cref="EmailMessage"/> as JSON, keyed by its idempotency key.</summary>
public static class EmailOutbox
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The outbox row for an email; put it in the turn's commit.</summary>
    public static NewOutboxMessage Message(EmailMessage email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return new NewOutboxMessage(OutboxKind.Email, email.IdempotencyKey, JsonSerializer.Serialize(email, Options));
    }

    /// <summary>The email of a claimed outbox row (the worker's side).</summary>
    public static EmailMessage Read(OutboxMessage row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Kind != OutboxKind.Email)
        {
            throw new ArgumentException($"Outbox message {row.Id} is a {row.Kind}, not an email.", nameof(row));
        }

        return JsonSerializer.Deserialize<EmailMessage>(row.PayloadJson, Options)
            ?? throw new JsonException($"Outbox message {row.Id} holds 'null' instead of an email.");
    }
}
