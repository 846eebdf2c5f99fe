using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace CareBot.Care.Email;

/// <summary>
/// Turns an <see cref="EmailMessage"/> into a MimeMessage: header values sanitised (<see cref="HeaderText"/>),
/// addresses validated, and a Message-ID derived from the idempotency key, so a retried send is the same message.
/// </summary>
public static class MimeMessageBuilder
{
    public static MimeMessage Build(EmailMessage email, string from)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentException.ThrowIfNullOrEmpty(email.IdempotencyKey);
        var sender = ParseAddress(from, nameof(from));
        var message = new MimeMessage();
        message.From.Add(sender);
        message.To.Add(new MailboxAddress(HeaderText.Sanitize(email.ToName), ParseAddress(email.To, nameof(email)).Address));
        if (!string.IsNullOrEmpty(email.ReplyTo))
        {
            message.ReplyTo.Add(new MailboxAddress(string.Empty, ParseAddress(email.ReplyTo, nameof(email)).Address));
        }

        message.Subject = HeaderText.Sanitize(email.Subject);
        message.MessageId = MessageIdFor(email.IdempotencyKey, sender.Domain);
        message.Body = new TextPart("plain") { Text = email.TextBody ?? string.Empty };
        return message;
    }

    /// <summary>The Message-ID (without angle brackets) for an idempotency key: a hash, so the key itself never shows.</summary>
    public static string MessageIdFor(string idempotencyKey, string domain)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        var safeDomain = string.IsNullOrEmpty(domain) ? "carebot.invalid" : domain;
        return $"carebot.{Convert.ToHexStringLower(hash.AsSpan(0, 16))}@{safeDomain}";
    }

    /// <summary>One mailbox address, or an ArgumentException saying why not (lists, control characters, no domain).</summary>
    private static MailboxAddress ParseAddress(string? text, string parameter)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Any(char.IsControl))
        {
            throw new ArgumentException($"Email address '{HeaderText.Sanitize(text)}' is empty or contains control characters; give one address like name@example.com.", parameter);
        }

        if (!MailboxAddress.TryParse(text, out var mailbox) || string.IsNullOrEmpty(mailbox.Domain) || string.IsNullOrEmpty(mailbox.LocalPart))
        {
            throw new ArgumentException($"'{text}' is not one valid email address; give one address like name@example.com.", parameter);
        }

        return mailbox;
    }
}
