using CareBot.Care.Email;
using CareBot.Care.Stores;

namespace CareBot.Care.Tests.Email;

public sealed class EmailOutboxTests
{
    [Fact]
    public void An_email_round_trips_through_an_outbox_row_under_its_idempotency_key()
    {
        var email = new EmailMessage("handoff-email/c#1", "dana@example.com", "Dana", "Your case C-1042", "Body\nline 2", "care@acme.example");

        var row = EmailOutbox.Message(email);
        var stored = new OutboxMessage(7, row.Kind, row.IdempotencyKey, row.PayloadJson, OutboxStatus.Sending, 1, default, null, null, default);

        Assert.Equal((OutboxKind.Email, "handoff-email/c#1"), (row.Kind, row.IdempotencyKey));
        Assert.Equal(email, EmailOutbox.Read(stored));
    }

    [Fact]
    public void Reading_an_activity_row_as_an_email_is_refused()
    {
        var row = new OutboxMessage(8, OutboxKind.Activity, "k", "{}", OutboxStatus.Sending, 1, default, null, null, default);

        var error = Assert.Throws<ArgumentException>(() => EmailOutbox.Read(row));

        Assert.Contains("not an email", error.Message, StringComparison.Ordinal);
    }
}
