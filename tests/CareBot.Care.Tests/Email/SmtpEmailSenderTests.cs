using CareBot.Care.Email;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CareBot.Care.Tests.Email;

/// <summary>
/// Against a real SMTP server: aiosmtpd, started by ./test.sh, which stores each message it receives in a Maildir.
/// Without it these tests fail (a missing server must not pass as green).
/// </summary>
public sealed class SmtpEmailSenderTests
{
    private static (string Host, int Port, string Maildir) Server()
    {
        var smtp = Environment.GetEnvironmentVariable("CAREBOT_TEST_SMTP");
        var maildir = Environment.GetEnvironmentVariable("CAREBOT_TEST_MAILDIR");
        if (string.IsNullOrEmpty(smtp) || string.IsNullOrEmpty(maildir))
        {
            throw new InvalidOperationException(
                "CAREBOT_TEST_SMTP and CAREBOT_TEST_MAILDIR are not set, so the SMTP tests cannot run: run ./test.sh, which starts "
                + "aiosmtpd on loopback (e.g. ./test.sh tests/CareBot.Care.Tests --filter FullyQualifiedName~Email).");
        }

        var separator = smtp.LastIndexOf(':');
        return (smtp[..separator], int.Parse(smtp[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture), maildir);
    }

    private static SmtpEmailSender Sender(string host, int port) => new(
        Options.Create(new SmtpOptions { Host = host, Port = port, Security = SmtpSecurity.None, From = "Acme Care <care@acme.example>" }),
        NullLogger<SmtpEmailSender>.Instance);

    [Fact]
    public async Task A_message_sent_over_smtp_arrives_with_its_subject_message_id_and_body()
    {
        var (host, port, maildir) = Server();
        var message = new EmailMessage("smtp-test/" + Guid.NewGuid().ToString("N"), "dana@example.com", "Dana", "Your case C-1042", "We are on it.");
        var expectedId = MimeMessageBuilder.Build(message, "care@acme.example").MessageId!;

        await Sender(host, port).SendAsync(message, CancellationToken.None);

        var received = await FindAsync(maildir, expectedId);
        Assert.Equal("Your case C-1042", received.Subject);
        Assert.Equal("We are on it.", received.TextBody!.Trim());
        Assert.Equal("dana@example.com", Assert.Single(received.To.Mailboxes).Address);
    }

    [Fact]
    public async Task A_header_injection_attempt_arrives_as_one_harmless_subject()
    {
        var (host, port, maildir) = Server();
        var message = new EmailMessage("smtp-test/" + Guid.NewGuid().ToString("N"), "dana@example.com", "Dana\r\nBcc: x@evil.example", "Hi\r\nBcc: victim@evil.example", "Body");
        var expectedId = MimeMessageBuilder.Build(message, "care@acme.example").MessageId!;

        await Sender(host, port).SendAsync(message, CancellationToken.None);

        var received = await FindAsync(maildir, expectedId);
        Assert.Equal("Hi Bcc: victim@evil.example", received.Subject);
        Assert.Empty(received.Bcc);
        Assert.False(received.Headers.Contains(HeaderId.Bcc));
    }

    // The server writes the file before it answers the DATA command, so the message is there once SendAsync returns.
    private static async Task<MimeMessage> FindAsync(string maildir, string messageId)
    {
        var found = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(maildir, "new")))
        {
            var candidate = await MimeMessage.LoadAsync(file);
            found.Add(candidate.MessageId ?? "<none>");
            if (candidate.MessageId == messageId)
            {
                return candidate;
            }
        }

        throw new Xunit.Sdk.XunitException($"No message with Message-ID {messageId} in {maildir}/new; found: {string.Join(", ", found)}");
    }
}
