namespace CareBot.Care.Email;

/// <summary>
/// Delivers one email. Sending the same message (same idempotency key, so the same Message-ID) again is safe: the
/// pickup folder keeps one file, and receiving servers and clients drop a repeated Message-ID.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
