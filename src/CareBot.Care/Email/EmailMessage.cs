namespace CareBot.Care.Email;

/// <summary>
/// An email as the outbox stores it (JSON). Every text may come from customer input: <see cref="MimeMessageBuilder"/>
/// strips control characters from header values and validates the addresses.
/// </summary>
/// <param name="IdempotencyKey">Stable across retries (the outbox key); the Message-ID is derived from it.</param>
/// <param name="To">The recipient's address.</param>
/// <param name="ToName">The recipient's display name, or null.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="TextBody">The plain-text body.</param>
/// <param name="ReplyTo">A reply-to address, or null.</param>
public sealed record EmailMessage(string IdempotencyKey, string To, string? ToName, string Subject, string TextBody, string? ReplyTo = null);
